CREATE TABLE "experiments" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"hypothesis" text NOT NULL,
	"layer" text NOT NULL,
	"variants" jsonb NOT NULL,
	"traffic_percent" integer NOT NULL,
	"primary_metric" text NOT NULL,
	"guardrails" text[] NOT NULL,
	"baseline_rate" double precision NOT NULL,
	"minimum_detectable_effect" double precision NOT NULL,
	"salt" text NOT NULL,
	"status" text NOT NULL,
	"bucket_start" integer,
	"bucket_end" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone,
	"stopped_by" text,
	"stopped_at" timestamp with time zone,
	CONSTRAINT "experiments_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE INDEX "experiments_status_idx" ON "experiments" USING btree ("status","layer");--> statement-breakpoint
CREATE INDEX "experiments_created_idx" ON "experiments" USING btree ("created_at");