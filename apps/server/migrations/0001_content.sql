CREATE TABLE "content_courses" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"cover_url" text,
	"product_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"pricing" text NOT NULL,
	"price" bigint NOT NULL,
	"member_free_from" text,
	"bundle_product_ids" text[] DEFAULT '{}' NOT NULL,
	"creator_user_id" text,
	"creator_share_bp" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "content_courses_price_positive" CHECK ("content_courses"."price" > 0),
	CONSTRAINT "content_courses_share_range" CHECK ("content_courses"."creator_share_bp" between 0 and 9000)
);
--> statement-breakpoint
CREATE TABLE "content_creator_shares" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"course_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"creator_user_id" text NOT NULL,
	"base_amount" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"reversed_amount" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "content_creator_shares_reversal" CHECK ("content_creator_shares"."reversed_amount" between 0 and "content_creator_shares"."amount")
);
--> statement-breakpoint
CREATE TABLE "content_entitlements" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"course_id" text NOT NULL,
	"order_id" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"starts_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_lessons" (
	"id" text PRIMARY KEY NOT NULL,
	"course_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"media" text NOT NULL,
	"media_url" text,
	"body" text DEFAULT '' NOT NULL,
	"duration_sec" integer DEFAULT 0 NOT NULL,
	"trial" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_progress" (
	"user_id" text NOT NULL,
	"lesson_id" text NOT NULL,
	"course_id" text NOT NULL,
	"position_sec" integer DEFAULT 0 NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "content_progress_user_id_lesson_id_pk" PRIMARY KEY("user_id","lesson_id")
);
--> statement-breakpoint
CREATE INDEX "content_courses_merchant_idx" ON "content_courses" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "content_courses_status_idx" ON "content_courses" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_creator_shares_order_uq" ON "content_creator_shares" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "content_creator_shares_creator_idx" ON "content_creator_shares" USING btree ("creator_user_id","id");--> statement-breakpoint
CREATE INDEX "content_creator_shares_course_idx" ON "content_creator_shares" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_entitlements_order_course_uq" ON "content_entitlements" USING btree ("order_id","course_id");--> statement-breakpoint
CREATE INDEX "content_entitlements_user_idx" ON "content_entitlements" USING btree ("user_id","course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_lessons_course_position_uq" ON "content_lessons" USING btree ("course_id","position");--> statement-breakpoint
CREATE INDEX "content_progress_course_idx" ON "content_progress" USING btree ("user_id","course_id");