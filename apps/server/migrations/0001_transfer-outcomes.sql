ALTER TABLE "compensation_transfers" ADD COLUMN "order_id" text;--> statement-breakpoint
ALTER TABLE "compensation_transfers" ADD COLUMN "payee_account" text;--> statement-breakpoint
ALTER TABLE "compensation_transfers" ADD COLUMN "generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "compensation_transfers" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "compensation_transfers" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "compensation_transfers" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "compensation_transfers" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "compensation_transfers" ADD COLUMN "manual_note" text;--> statement-breakpoint
ALTER TABLE "compensation_transfers" ADD COLUMN "manual_by" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "payer_account" text;--> statement-breakpoint
CREATE INDEX "compensation_transfers_open_idx" ON "compensation_transfers" USING btree ("requested_at") WHERE "compensation_transfers"."status" <> 'completed';