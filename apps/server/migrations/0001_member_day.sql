CREATE TABLE "member_day_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"day_of_month" integer NOT NULL,
	"points_multiplier" integer NOT NULL,
	"tier_percent_off" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
