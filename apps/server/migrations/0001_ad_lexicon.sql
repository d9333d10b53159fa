CREATE TABLE "ad_lexicon_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"except_pattern" text,
	"category" text NOT NULL,
	"action" text NOT NULL,
	"article" text NOT NULL,
	"title" text NOT NULL,
	"rewrite" text,
	"scope" text NOT NULL,
	"category_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"enabled" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "ad_lexicon_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
ALTER TABLE "moderation_items" ADD COLUMN "lexicon_version" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "ad_lexicon_entries_text_uq" ON "ad_lexicon_entries" USING btree ("kind","text");--> statement-breakpoint
CREATE INDEX "ad_lexicon_entries_list_idx" ON "ad_lexicon_entries" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "ad_lexicon_versions_entry_idx" ON "ad_lexicon_versions" USING btree ("entry_id","version");