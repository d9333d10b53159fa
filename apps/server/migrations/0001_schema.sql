CREATE TABLE "search_word_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "search_word_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"words" text[] NOT NULL,
	"category_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "search_word_changes_entry_idx" ON "search_word_changes" USING btree ("entry_id","at");--> statement-breakpoint
CREATE INDEX "search_word_entries_list_idx" ON "search_word_entries" USING btree ("kind","updated_at","id");