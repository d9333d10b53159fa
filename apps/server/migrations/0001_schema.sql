CREATE TABLE "trust_case_events" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"action" text NOT NULL,
	"by" text NOT NULL,
	"actor_id" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_compensation_claims" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"reason" text NOT NULL,
	"description" text NOT NULL,
	"images" text[] NOT NULL,
	"requested" bigint NOT NULL,
	"approved" bigint,
	"recovered" bigint,
	"status" text NOT NULL,
	"pay_by" timestamp with time zone NOT NULL,
	"refund_id" text,
	"decided_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_complaints" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"product_id" text,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"images" text[] NOT NULL,
	"status" text NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"outcome" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_credit_facts" (
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"value" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_credit_scores" (
	"merchant_id" text PRIMARY KEY NOT NULL,
	"score" bigint NOT NULL,
	"components" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_patrol_findings" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text,
	"kind" text NOT NULL,
	"detail" text NOT NULL,
	"status" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "merchant_penalties" ADD COLUMN "product_id" text;--> statement-breakpoint
ALTER TABLE "merchant_penalties" ADD COLUMN "finding_id" text;--> statement-breakpoint
CREATE INDEX "trust_case_events_case_idx" ON "trust_case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "trust_claims_user_idx" ON "trust_compensation_claims" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "trust_claims_queue_idx" ON "trust_compensation_claims" USING btree ("status","pay_by");--> statement-breakpoint
CREATE INDEX "trust_claims_merchant_idx" ON "trust_compensation_claims" USING btree ("merchant_id","paid_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trust_claims_one_open_uq" ON "trust_compensation_claims" USING btree ("order_id") WHERE "trust_compensation_claims"."status" in ('pending', 'paying');--> statement-breakpoint
CREATE INDEX "trust_complaints_user_idx" ON "trust_complaints" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "trust_complaints_queue_idx" ON "trust_complaints" USING btree ("status","respond_by");--> statement-breakpoint
CREATE INDEX "trust_complaints_merchant_idx" ON "trust_complaints" USING btree ("merchant_id","resolved_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trust_credit_facts_ref_uq" ON "trust_credit_facts" USING btree ("kind","ref_id");--> statement-breakpoint
CREATE INDEX "trust_credit_facts_merchant_idx" ON "trust_credit_facts" USING btree ("merchant_id","kind","at");--> statement-breakpoint
CREATE INDEX "trust_findings_merchant_idx" ON "trust_patrol_findings" USING btree ("merchant_id","status");--> statement-breakpoint
CREATE INDEX "trust_findings_status_idx" ON "trust_patrol_findings" USING btree ("status","last_seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trust_findings_open_uq" ON "trust_patrol_findings" USING btree ("dedupe_key") WHERE "trust_patrol_findings"."status" = 'open';