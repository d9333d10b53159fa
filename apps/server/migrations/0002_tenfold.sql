ALTER TABLE "live_orders" ADD COLUMN "guaranteed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "trust_compensation_claims" ADD COLUMN "tenfold" bigint;