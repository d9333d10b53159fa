ALTER TABLE "skus" ADD COLUMN "weight_grams" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "shipping_templates" ADD COLUMN "charge_by" text DEFAULT 'pieces' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "skus_merchant_code_uq" ON "skus" USING btree ("merchant_id","code") WHERE "skus"."code" is not null;--> statement-breakpoint
ALTER TABLE "skus" ADD CONSTRAINT "skus_weight_nonnegative" CHECK ("skus"."weight_grams" >= 0);