ALTER TABLE "after_sales" ADD COLUMN "replacement_sku_id" text;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "replacement_spec_text" text;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "replacement_reserved" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "return_defective" boolean;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "replacement_carrier" text;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "replacement_tracking_no" text;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "replacement_shipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "replacement_auto_confirm_at" timestamp with time zone;