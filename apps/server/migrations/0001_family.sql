CREATE TABLE "care_mode_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"voice_prices" boolean DEFAULT false NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "family_bindings" (
	"id" text PRIMARY KEY NOT NULL,
	"child_id" text NOT NULL,
	"parent_id" text NOT NULL,
	"status" text NOT NULL,
	"monthly_budget" bigint NOT NULL,
	"allowed_category_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "family_bindings_budget_positive" CHECK ("family_bindings"."monthly_budget" > 0),
	CONSTRAINT "family_bindings_not_self" CHECK ("family_bindings"."child_id" <> "family_bindings"."parent_id")
);
--> statement-breakpoint
CREATE TABLE "family_budget_usage" (
	"binding_id" text NOT NULL,
	"month" text NOT NULL,
	"used" bigint NOT NULL,
	CONSTRAINT "family_budget_usage_binding_id_month_pk" PRIMARY KEY("binding_id","month"),
	CONSTRAINT "family_budget_usage_not_negative" CHECK ("family_budget_usage"."used" >= 0)
);
--> statement-breakpoint
CREATE TABLE "family_pay_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"checkout_id" text NOT NULL,
	"order_ids" text[] NOT NULL,
	"requester_id" text NOT NULL,
	"binding_id" text,
	"month" text,
	"token" text NOT NULL,
	"amount" bigint NOT NULL,
	"status" text NOT NULL,
	"payer_id" text,
	"payment_id" text,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"refund_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"cancel_reason" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "family_pay_requests_amount_positive" CHECK ("family_pay_requests"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX "family_bindings_child_idx" ON "family_bindings" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "family_bindings_parent_idx" ON "family_bindings" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "family_bindings_live_uq" ON "family_bindings" USING btree ("child_id","parent_id") WHERE "family_bindings"."status" in ('invited', 'active');--> statement-breakpoint
CREATE UNIQUE INDEX "family_pay_requests_token_uq" ON "family_pay_requests" USING btree ("token");--> statement-breakpoint
CREATE INDEX "family_pay_requests_checkout_idx" ON "family_pay_requests" USING btree ("checkout_id");--> statement-breakpoint
CREATE INDEX "family_pay_requests_binding_idx" ON "family_pay_requests" USING btree ("binding_id","status");--> statement-breakpoint
CREATE INDEX "family_pay_requests_requester_idx" ON "family_pay_requests" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "family_pay_requests_open_uq" ON "family_pay_requests" USING btree ("checkout_id") WHERE "family_pay_requests"."status" = 'open';