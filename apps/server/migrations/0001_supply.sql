CREATE TABLE "supply_allocations" (
	"order_id" text NOT NULL,
	"line_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"qty" integer NOT NULL,
	"returned_qty" integer DEFAULT 0 NOT NULL,
	"province" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supply_allocations_line_id_warehouse_id_pk" PRIMARY KEY("line_id","warehouse_id")
);
--> statement-breakpoint
CREATE TABLE "supply_concentration_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"category_id" text NOT NULL,
	"supplier_id" text NOT NULL,
	"share_bp" integer NOT NULL,
	"status" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supply_movements" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"kind" text NOT NULL,
	"qty" integer NOT NULL,
	"on_hand_after" integer NOT NULL,
	"ref_id" text,
	"batch_no" text,
	"note" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_po_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"po_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"qty_ordered" integer NOT NULL,
	"qty_received" integer DEFAULT 0 NOT NULL,
	"unit_cost" bigint NOT NULL,
	CONSTRAINT "supply_po_lines_received" CHECK ("supply_po_lines"."qty_received" <= "supply_po_lines"."qty_ordered")
);
--> statement-breakpoint
CREATE TABLE "supply_purchase_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"supplier_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"total_cost" bigint NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supply_quality_records" (
	"id" text PRIMARY KEY NOT NULL,
	"supplier_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"accepted_qty" integer NOT NULL,
	"rejected_qty" integer NOT NULL,
	"note" text,
	"ref_id" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_receipt_lots" (
	"id" text PRIMARY KEY NOT NULL,
	"receipt_id" text NOT NULL,
	"po_id" text NOT NULL,
	"po_line_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"supplier_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"category_id" text NOT NULL,
	"batch_no" text NOT NULL,
	"accepted_qty" integer NOT NULL,
	"rejected_qty" integer NOT NULL,
	"produced_on" date NOT NULL,
	"expires_on" date,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_stock_levels" (
	"warehouse_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"on_hand" integer NOT NULL,
	CONSTRAINT "supply_stock_levels_warehouse_id_sku_id_pk" PRIMARY KEY("warehouse_id","sku_id"),
	CONSTRAINT "supply_stock_levels_non_negative" CHECK ("supply_stock_levels"."on_hand" >= 0)
);
--> statement-breakpoint
CREATE TABLE "supply_stock_takes" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"lines" jsonb NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_supplier_skus" (
	"supplier_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"unit_cost" bigint NOT NULL,
	"share_pct" integer NOT NULL,
	CONSTRAINT "supply_supplier_skus_supplier_id_sku_id_pk" PRIMARY KEY("supplier_id","sku_id")
);
--> statement-breakpoint
CREATE TABLE "supply_suppliers" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"name" text NOT NULL,
	"origin" text NOT NULL,
	"factory_direct" boolean NOT NULL,
	"qualifications" jsonb NOT NULL,
	"lead_time_days" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_tracked_skus" (
	"sku_id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"from_warehouse_id" text NOT NULL,
	"to_warehouse_id" text NOT NULL,
	"lines" jsonb NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_warehouses" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"name" text NOT NULL,
	"province" text NOT NULL,
	"region" text NOT NULL,
	"is_default" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "supply_allocations_order_idx" ON "supply_allocations" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_concentration_alerts_open_uq" ON "supply_concentration_alerts" USING btree ("merchant_id","category_id") WHERE "supply_concentration_alerts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "supply_movements_merchant_idx" ON "supply_movements" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "supply_movements_level_idx" ON "supply_movements" USING btree ("warehouse_id","sku_id");--> statement-breakpoint
CREATE INDEX "supply_po_lines_po_idx" ON "supply_po_lines" USING btree ("po_id");--> statement-breakpoint
CREATE INDEX "supply_purchase_orders_merchant_idx" ON "supply_purchase_orders" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "supply_quality_records_supplier_idx" ON "supply_quality_records" USING btree ("supplier_id","recorded_at");--> statement-breakpoint
CREATE INDEX "supply_receipt_lots_po_idx" ON "supply_receipt_lots" USING btree ("po_id");--> statement-breakpoint
CREATE INDEX "supply_receipt_lots_category_idx" ON "supply_receipt_lots" USING btree ("merchant_id","category_id","received_at");--> statement-breakpoint
CREATE INDEX "supply_stock_levels_sku_idx" ON "supply_stock_levels" USING btree ("sku_id");--> statement-breakpoint
CREATE INDEX "supply_supplier_skus_sku_idx" ON "supply_supplier_skus" USING btree ("sku_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_suppliers_name_uq" ON "supply_suppliers" USING btree ("merchant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_warehouses_name_uq" ON "supply_warehouses" USING btree ("merchant_id","name");