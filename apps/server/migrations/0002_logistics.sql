CREATE TABLE "shipping_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"default_rule" jsonb NOT NULL,
	"regions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"free_threshold" bigint,
	"remote_provinces" text[] DEFAULT '{}' NOT NULL,
	"remote_mode" text DEFAULT 'surcharge' NOT NULL,
	"remote_extra_fee" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" text PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"order_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"text" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"carrier" text NOT NULL,
	"carrier_code" text NOT NULL,
	"tracking_no" text NOT NULL,
	"provider" text NOT NULL,
	"status" text,
	"subscribed_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "shipping_templates_merchant_idx" ON "shipping_templates" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_templates_active_uq" ON "shipping_templates" USING btree ("merchant_id") WHERE "shipping_templates"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_scan_uq" ON "tracking_events" USING btree ("subscription_id","at","text");--> statement-breakpoint
CREATE INDEX "tracking_events_order_idx" ON "tracking_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_subscriptions_order_uq" ON "tracking_subscriptions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "tracking_subscriptions_waybill_idx" ON "tracking_subscriptions" USING btree ("carrier_code","tracking_no");