CREATE TABLE "discovery_builds" (
	"id" text PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"items" integer NOT NULL,
	"interactions" integer NOT NULL,
	"neighbour_rows" integer NOT NULL,
	"millis" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discovery_interactions" (
	"user_id" text NOT NULL,
	"product_id" text NOT NULL,
	"kind" text NOT NULL,
	"weight" double precision NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_event_id" text NOT NULL,
	CONSTRAINT "discovery_interactions_user_id_product_id_kind_pk" PRIMARY KEY("user_id","product_id","kind")
);
--> statement-breakpoint
CREATE TABLE "discovery_interest_tags" (
	"user_id" text NOT NULL,
	"category_id" text NOT NULL,
	"weight" double precision NOT NULL,
	"deleted_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "discovery_interest_tags_user_id_category_id_pk" PRIMARY KEY("user_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "discovery_items" (
	"product_id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"category_id" text NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"available" boolean NOT NULL,
	"popularity" double precision DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discovery_neighbours" (
	"product_id" text NOT NULL,
	"kind" text NOT NULL,
	"rank" integer NOT NULL,
	"neighbour_id" text NOT NULL,
	"score" double precision NOT NULL,
	CONSTRAINT "discovery_neighbours_product_id_kind_rank_pk" PRIMARY KEY("product_id","kind","rank")
);
--> statement-breakpoint
CREATE TABLE "discovery_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"personalised" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "discovery_interactions_product_idx" ON "discovery_interactions" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "discovery_items_category_idx" ON "discovery_items" USING btree ("category_id","popularity");