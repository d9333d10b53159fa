CREATE TABLE "discovery_user_feeds" (
	"user_id" text PRIMARY KEY NOT NULL,
	"feed" jsonb NOT NULL,
	"built_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "discovery_interactions_recent_idx" ON "discovery_interactions" USING btree ("user_id","last_at");