DROP TABLE "shipping_templates" CASCADE;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "signed_at" timestamp with time zone;