CREATE TABLE "review_appeals" (
	"review_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"product_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"removed_at" timestamp with time zone NOT NULL,
	"removal_note" text,
	"appealed_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"note" text
);
--> statement-breakpoint
CREATE INDEX "review_appeals_status_idx" ON "review_appeals" USING btree ("status","appealed_at");--> statement-breakpoint
CREATE INDEX "review_appeals_user_idx" ON "review_appeals" USING btree ("user_id");