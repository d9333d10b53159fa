CREATE TABLE "account_cancellations" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"erase_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"after_commit_done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "privacy_consent_records" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"policy_version" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_consents" (
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"policy_version" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "privacy_consents_user_id_purpose_pk" PRIMARY KEY("user_id","purpose")
);
--> statement-breakpoint
CREATE TABLE "privacy_exports" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"ready_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"archive" "bytea",
	"size_bytes" integer,
	"table_count" integer,
	"row_count" integer
);
--> statement-breakpoint
CREATE INDEX "account_cancellations_user_idx" ON "account_cancellations" USING btree ("user_id","requested_at");--> statement-breakpoint
CREATE INDEX "privacy_consent_records_user_idx" ON "privacy_consent_records" USING btree ("user_id","recorded_at");--> statement-breakpoint
CREATE INDEX "privacy_exports_user_idx" ON "privacy_exports" USING btree ("user_id","requested_at");