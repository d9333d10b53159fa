CREATE TABLE "deposit_movements" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchant_application_events" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchant_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"applicant_id" text NOT NULL,
	"status" text NOT NULL,
	"entity_type" text NOT NULL,
	"shop_name" text NOT NULL,
	"category_id" text NOT NULL,
	"licence_name" text NOT NULL,
	"credit_code" text NOT NULL,
	"licence_image_url" text NOT NULL,
	"qualifications" jsonb NOT NULL,
	"legal_rep_name" text NOT NULL,
	"legal_rep_id_tail" text NOT NULL,
	"legal_rep_verified_at" timestamp with time zone NOT NULL,
	"bank_name" text NOT NULL,
	"bank_account_holder" text NOT NULL,
	"bank_account_tail" text NOT NULL,
	"revision" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"merchant_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchant_deposits" (
	"merchant_id" text PRIMARY KEY NOT NULL,
	"category_id" text NOT NULL,
	"required" bigint NOT NULL,
	"status" text NOT NULL,
	"exit_requested_at" timestamp with time zone,
	"refundable_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchant_penalties" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"amount" bigint,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deposit_movements_merchant_idx" ON "deposit_movements" USING btree ("merchant_id","at");--> statement-breakpoint
CREATE INDEX "merchant_application_events_app_idx" ON "merchant_application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "merchant_applications_applicant_idx" ON "merchant_applications" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "merchant_applications_queue_idx" ON "merchant_applications" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "merchant_applications_one_open_uq" ON "merchant_applications" USING btree ("applicant_id") WHERE "merchant_applications"."status" in ('submitted', 'needs-info');--> statement-breakpoint
CREATE INDEX "merchant_penalties_merchant_idx" ON "merchant_penalties" USING btree ("merchant_id","at");