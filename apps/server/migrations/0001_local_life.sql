CREATE TABLE "local_offers" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"store_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"product_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"price" bigint NOT NULL,
	"face_value" bigint NOT NULL,
	"quota" integer NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"refund_at_expiry" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "local_offers_sold_within_quota" CHECK ("local_offers"."sold" between 0 and "local_offers"."quota"),
	CONSTRAINT "local_offers_price_positive" CHECK ("local_offers"."price" > 0 and "local_offers"."face_value" >= "local_offers"."price")
);
--> statement-breakpoint
CREATE TABLE "local_stores" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"city" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"hours" text NOT NULL,
	"services" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "local_stores_coordinates" CHECK ("local_stores"."lat" between -90 and 90 and "local_stores"."lng" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "local_vouchers" (
	"id" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"store_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"user_id" text NOT NULL,
	"code" text,
	"status" text NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" text,
	"refund_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "local_offers_store_idx" ON "local_offers" USING btree ("store_id","status");--> statement-breakpoint
CREATE INDEX "local_offers_merchant_idx" ON "local_offers" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "local_stores_lat_lng_idx" ON "local_stores" USING btree ("lat","lng");--> statement-breakpoint
CREATE INDEX "local_stores_merchant_idx" ON "local_stores" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "local_vouchers_code_uq" ON "local_vouchers" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "local_vouchers_order_uq" ON "local_vouchers" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "local_vouchers_user_idx" ON "local_vouchers" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "local_vouchers_merchant_used_idx" ON "local_vouchers" USING btree ("merchant_id","used_at");