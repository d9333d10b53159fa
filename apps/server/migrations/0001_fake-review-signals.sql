ALTER TABLE "sku_charged_prices" ADD COLUMN "fake_sale_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "payer_index" text;--> statement-breakpoint
ALTER TABLE "review_fingerprints" ADD COLUMN "account_created_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_fingerprints" ADD COLUMN "address_hash" text;--> statement-breakpoint
ALTER TABLE "review_fingerprints" ADD COLUMN "payer_hash" text;