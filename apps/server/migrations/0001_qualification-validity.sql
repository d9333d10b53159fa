CREATE TABLE "merchant_qualifications" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"image_url" text NOT NULL,
	"valid_until" date,
	"permanent" boolean DEFAULT false NOT NULL,
	"warned_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qualification_delistings" (
	"id" text PRIMARY KEY NOT NULL,
	"qualification_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"product_title" text NOT NULL,
	"top_category_id" text NOT NULL,
	"reason" text NOT NULL,
	"delisted_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "qualification_renewals" (
	"id" text PRIMARY KEY NOT NULL,
	"qualification_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"image_url" text NOT NULL,
	"valid_until" date,
	"permanent" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reason" text
);
--> statement-breakpoint
ALTER TABLE "merchant_applications" ADD COLUMN "licence_valid_until" date;--> statement-breakpoint
ALTER TABLE "merchant_applications" ADD COLUMN "licence_permanent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "merchant_qualifications_kind_uq" ON "merchant_qualifications" USING btree ("merchant_id","kind");--> statement-breakpoint
CREATE INDEX "merchant_qualifications_valid_idx" ON "merchant_qualifications" USING btree ("valid_until");--> statement-breakpoint
CREATE INDEX "qualification_delistings_open_idx" ON "qualification_delistings" USING btree ("qualification_id","closed_at");--> statement-breakpoint
CREATE INDEX "qualification_renewals_queue_idx" ON "qualification_renewals" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "qualification_renewals_qualification_idx" ON "qualification_renewals" USING btree ("qualification_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "qualification_renewals_one_pending_uq" ON "qualification_renewals" USING btree ("qualification_id") WHERE "qualification_renewals"."status" = 'pending';