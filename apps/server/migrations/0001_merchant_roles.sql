ALTER TABLE "staff_role_changes" ADD COLUMN "merchant_id" text;--> statement-breakpoint
CREATE INDEX "staff_role_changes_merchant_idx" ON "staff_role_changes" USING btree ("merchant_id","id");