CREATE TABLE "charity_product_pledges" (
	"product_id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"project_id" text NOT NULL,
	"amount_per_item" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "charity_product_pledges_amount" CHECK ("charity_product_pledges"."amount_per_item" between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "charity_sales" (
	"id" text PRIMARY KEY NOT NULL,
	"certificate_no" text NOT NULL,
	"order_id" text NOT NULL,
	"line_id" text NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"product_title" text NOT NULL,
	"project_id" text NOT NULL,
	"qty" integer NOT NULL,
	"amount_per_item" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"reversed_amount" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "charity_sales_amount_positive" CHECK ("charity_sales"."amount" > 0),
	CONSTRAINT "charity_sales_reversal" CHECK ("charity_sales"."reversed_amount" between 0 and "charity_sales"."amount")
);
--> statement-breakpoint
CREATE INDEX "charity_product_pledges_project_idx" ON "charity_product_pledges" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "charity_product_pledges_merchant_idx" ON "charity_product_pledges" USING btree ("merchant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "charity_sales_line_uq" ON "charity_sales" USING btree ("line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "charity_sales_certificate_uq" ON "charity_sales" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "charity_sales_order_idx" ON "charity_sales" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "charity_sales_project_idx" ON "charity_sales" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "charity_sales_user_idx" ON "charity_sales" USING btree ("user_id","id");