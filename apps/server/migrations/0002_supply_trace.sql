CREATE TABLE "supply_trace_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_trace_events" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"facts" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"leaf_index" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "supply_trace_codes_lot_uq" ON "supply_trace_codes" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "supply_trace_events_code_idx" ON "supply_trace_events" USING btree ("code","occurred_at");