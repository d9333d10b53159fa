DROP INDEX "login_codes_phone_idx";--> statement-breakpoint
ALTER TABLE "login_codes" ADD COLUMN "phone_index" text;--> statement-breakpoint
ALTER TABLE "login_failures" ADD COLUMN "phone_index" text;--> statement-breakpoint
CREATE INDEX "login_codes_phone_index_idx" ON "login_codes" USING btree ("phone_index","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "login_failures_phone_index_uq" ON "login_failures" USING btree ("phone_index");