CREATE TABLE "wechat_identities" (
	"user_id" text PRIMARY KEY NOT NULL,
	"appid" text NOT NULL,
	"openid" text NOT NULL,
	"unionid" text,
	"nickname" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_logins" (
	"id" text PRIMARY KEY NOT NULL,
	"state_hash" text NOT NULL,
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"bind_user_id" text,
	"expires_at" timestamp with time zone NOT NULL,
	"callback_at" timestamp with time zone,
	"appid" text,
	"openid" text,
	"unionid" text,
	"nickname" text,
	"ticket_hash" text,
	"ticket_expires_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wechat_identities" ADD CONSTRAINT "wechat_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_logins" ADD CONSTRAINT "wechat_logins_bind_user_id_users_id_fk" FOREIGN KEY ("bind_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_identities_openid_uq" ON "wechat_identities" USING btree ("appid","openid");--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_identities_unionid_uq" ON "wechat_identities" USING btree ("unionid");--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_logins_state_uq" ON "wechat_logins" USING btree ("state_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_logins_ticket_uq" ON "wechat_logins" USING btree ("ticket_hash");