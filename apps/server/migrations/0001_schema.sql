CREATE TABLE "transparency_entries" (
	"leaf_index" integer PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"leaf_data" text NOT NULL,
	"leaf_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transparency_log_size" (
	"id" integer PRIMARY KEY NOT NULL,
	"size" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transparency_tree_heads" (
	"tree_size" integer PRIMARY KEY NOT NULL,
	"root_hash" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "transparency_entries_subject_idx" ON "transparency_entries" USING btree ("kind","subject_id");