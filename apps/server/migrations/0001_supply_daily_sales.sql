CREATE TABLE "supply_daily_sales" (
	"sku_id" text NOT NULL,
	"day" date NOT NULL,
	"source" text NOT NULL,
	"merchant_id" text NOT NULL,
	"units" integer NOT NULL,
	"flash_units" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "supply_daily_sales_sku_id_day_source_pk" PRIMARY KEY("sku_id","day","source")
);
--> statement-breakpoint
CREATE INDEX "supply_daily_sales_merchant_idx" ON "supply_daily_sales" USING btree ("merchant_id","day");