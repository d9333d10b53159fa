CREATE TABLE "moderation_item_events" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "moderation_items" ADD COLUMN "appeal_reason" text;--> statement-breakpoint
ALTER TABLE "moderation_items" ADD COLUMN "appealed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "moderation_item_events_item_idx" ON "moderation_item_events" USING btree ("item_id","at");