ALTER TABLE "trust_complaints" ALTER COLUMN "merchant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "trust_complaints" ALTER COLUMN "order_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "trust_complaints" ADD COLUMN "subject_type" text DEFAULT 'order' NOT NULL;--> statement-breakpoint
ALTER TABLE "trust_complaints" ADD COLUMN "subject_id" text;--> statement-breakpoint
UPDATE "trust_complaints" SET "subject_id" = "order_id";--> statement-breakpoint
ALTER TABLE "trust_complaints" ALTER COLUMN "subject_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "trust_complaints" ADD COLUMN "subject_title" text;--> statement-breakpoint
CREATE UNIQUE INDEX "trust_complaints_one_open_uq" ON "trust_complaints" USING btree ("user_id","subject_type","subject_id") WHERE "trust_complaints"."status" <> 'resolved';