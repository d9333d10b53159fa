CREATE TABLE "order_no_counters" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "order_no" text;--> statement-breakpoint
-- Orders placed before order numbers existed: number them per Beijing day in creation order, then let the counters
-- carry on after the highest number so new orders never collide with (or reuse) a backfilled one.
UPDATE "orders" o SET "order_no" = n."order_no" FROM (
	SELECT "id", to_char("created_at" AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')
		|| lpad((row_number() OVER (PARTITION BY to_char("created_at" AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') ORDER BY "created_at", "id"))::text, 6, '0') AS "order_no"
	FROM "orders"
) n WHERE o."id" = n."id";--> statement-breakpoint
INSERT INTO "order_no_counters" ("day", "last")
	SELECT left("order_no", 8), max(right("order_no", 6)::integer) FROM "orders" GROUP BY left("order_no", 8);--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "order_no" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_order_no_uq" ON "orders" USING btree ("order_no");
