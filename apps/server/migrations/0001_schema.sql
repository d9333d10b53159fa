CREATE TABLE "lifecycle_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"scope" text NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"acted_at" timestamp with time zone,
	"window_ends_at" timestamp with time zone,
	"converted_at" timestamp with time zone,
	"coupon_id" text,
	"text" text
);
--> statement-breakpoint
CREATE TABLE "lifecycle_customers" (
	"scope" text NOT NULL,
	"user_id" text NOT NULL,
	"user_pid" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"first_paid_at" timestamp with time zone,
	"last_paid_at" timestamp with time zone,
	"interactions" integer DEFAULT 0 NOT NULL,
	"influence" integer DEFAULT 0 NOT NULL,
	"segment" text DEFAULT 'new' NOT NULL,
	"segment_since" timestamp with time zone NOT NULL,
	"health" integer DEFAULT 0 NOT NULL,
	"churn_warning" boolean DEFAULT false NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lifecycle_customers_scope_user_id_pk" PRIMARY KEY("scope","user_id")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"marketing_opt_out" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lifecycle_purchases" (
	"scope" text NOT NULL,
	"order_id" text NOT NULL,
	"user_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lifecycle_purchases_scope_order_id_pk" PRIMARY KEY("scope","order_id")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"kind" text NOT NULL,
	"enabled" boolean NOT NULL,
	"cap_days" integer NOT NULL,
	"quiet_start" integer NOT NULL,
	"quiet_end" integer NOT NULL,
	"holdout_pct" integer NOT NULL,
	"conversion_days" integer NOT NULL,
	"last_run_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lifecycle_snapshots" (
	"scope" text NOT NULL,
	"day" date NOT NULL,
	"segment" text NOT NULL,
	"users" integer NOT NULL,
	CONSTRAINT "lifecycle_snapshots_scope_day_segment_pk" PRIMARY KEY("scope","day","segment")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_transitions" (
	"id" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"user_id" text NOT NULL,
	"from_segment" text,
	"to_segment" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lifecycle_actions_rule_idx" ON "lifecycle_actions" USING btree ("rule_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "lifecycle_actions_user_idx" ON "lifecycle_actions" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "lifecycle_actions_due_idx" ON "lifecycle_actions" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "lifecycle_customers_segment_idx" ON "lifecycle_customers" USING btree ("scope","segment");--> statement-breakpoint
CREATE INDEX "lifecycle_purchases_user_idx" ON "lifecycle_purchases" USING btree ("scope","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lifecycle_rules_scope_kind_uq" ON "lifecycle_rules" USING btree ("scope","kind");--> statement-breakpoint
CREATE INDEX "lifecycle_transitions_scope_idx" ON "lifecycle_transitions" USING btree ("scope","at");