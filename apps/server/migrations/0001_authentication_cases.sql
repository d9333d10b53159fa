CREATE TABLE "authentication_cases" (
	"order_id" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"merchant_id" text NOT NULL,
	"items" jsonb NOT NULL,
	"status" text NOT NULL,
	"inbound_carrier" text,
	"inbound_tracking_no" text,
	"inbound_at" timestamp with time zone,
	"certificate_no" text,
	"findings" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"leaf_index" integer,
	"outbound_carrier" text,
	"outbound_tracking_no" text,
	"refund_id" text,
	"refunded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "authentication_cases_queue_idx" ON "authentication_cases" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "authentication_cases_merchant_idx" ON "authentication_cases" USING btree ("merchant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "authentication_cases_certificate_uq" ON "authentication_cases" USING btree ("certificate_no");