CREATE TABLE "alert_checkpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"checked_through" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_metric_status" (
	"metric" text PRIMARY KEY NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"observed" double precision NOT NULL,
	"judged" boolean NOT NULL,
	"expected_low" double precision,
	"expected_median" double precision,
	"expected_high" double precision,
	"anomalous" boolean NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"metric" text NOT NULL,
	"direction" text NOT NULL,
	"state" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"observed" double precision NOT NULL,
	"expected_low" double precision NOT NULL,
	"expected_median" double precision NOT NULL,
	"expected_high" double precision NOT NULL,
	"history_weeks" integer NOT NULL,
	"deviation" double precision NOT NULL,
	"score" double precision NOT NULL,
	"drilldown" jsonb NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledge_note" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolve_note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_live_uq" ON "alerts" USING btree ("metric","direction") WHERE "alerts"."state" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_state_idx" ON "alerts" USING btree ("state","id");