CREATE TABLE "review_fingerprints" (
	"review_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"ip_hash" text,
	"device_hash" text,
	"delivered_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_flags" (
	"review_id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"status" text NOT NULL,
	"score" integer NOT NULL,
	"signals" jsonb NOT NULL,
	"flagged_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"note" text
);
--> statement-breakpoint
CREATE INDEX "review_fingerprints_merchant_idx" ON "review_fingerprints" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "review_flags_status_idx" ON "review_flags" USING btree ("status","flagged_at");