CREATE TABLE "encryption_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"master_key_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "event_deliveries" (
	"event_id" text NOT NULL,
	"subscriber" text NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "event_deliveries_event_id_subscriber_pk" PRIMARY KEY("event_id","subscriber")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"actor_id" text NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_actor_id_scope_key_pk" PRIMARY KEY("actor_id","scope","key")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key" text,
	"payload" jsonb NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"done_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"journal_id" text NOT NULL,
	"account" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_journals" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"memo" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "addresses" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"recipient" text NOT NULL,
	"phone" text NOT NULL,
	"province" text NOT NULL,
	"city" text NOT NULL,
	"district" text NOT NULL,
	"detail" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "login_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"phone_index" text,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"phone" text PRIMARY KEY NOT NULL,
	"phone_index" text,
	"failures" integer NOT NULL,
	"last_failed_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "merchant_staff" (
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "merchant_staff_user_id_merchant_id_pk" PRIMARY KEY("user_id","merchant_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"second_factor_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "socket_tickets" (
	"ticket_hash" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"phone_index" text,
	"password_hash" text,
	"nickname" text NOT NULL,
	"avatar_url" text,
	"roles" text[] DEFAULT '{"consumer"}' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "after_sale_events" (
	"id" text PRIMARY KEY NOT NULL,
	"after_sale_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "after_sales" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"line_id" text NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"product_title" text NOT NULL,
	"spec_text" text NOT NULL,
	"type" text NOT NULL,
	"reason_code" text NOT NULL,
	"description" text NOT NULL,
	"images" text[] DEFAULT '{}' NOT NULL,
	"qty" integer NOT NULL,
	"amount" bigint NOT NULL,
	"shipping_amount" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"escalated_from" text,
	"due_at" timestamp with time zone,
	"reject_reason" text,
	"return_carrier" text,
	"return_tracking_no" text,
	"refund_id" text,
	"replacement_sku_id" text,
	"replacement_spec_text" text,
	"replacement_reserved" boolean DEFAULT false NOT NULL,
	"return_defective" boolean,
	"replacement_carrier" text,
	"replacement_tracking_no" text,
	"replacement_shipped_at" timestamp with time zone,
	"replacement_auto_confirm_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"escalated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "after_sales_qty_positive" CHECK ("after_sales"."qty" > 0),
	CONSTRAINT "after_sales_amount_nonnegative" CHECK ("after_sales"."amount" >= 0 and "after_sales"."shipping_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "alert_checkpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"checked_through" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_metric_status" (
	"metric" text PRIMARY KEY NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"observed" double precision,
	"judged" boolean NOT NULL,
	"expected_low" double precision,
	"expected_median" double precision,
	"expected_high" double precision,
	"anomalous" boolean NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"metric" text NOT NULL,
	"direction" text NOT NULL,
	"state" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"observed" double precision NOT NULL,
	"expected_low" double precision NOT NULL,
	"expected_median" double precision NOT NULL,
	"expected_high" double precision NOT NULL,
	"history_weeks" integer NOT NULL,
	"deviation" double precision NOT NULL,
	"score" double precision NOT NULL,
	"drilldown" jsonb NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledge_note" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolve_note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_inbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"ts" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"actor" text NOT NULL,
	"user_pid" text,
	"device_id" text,
	"session_id" text,
	"platform" text,
	"channel" text,
	"channel_ref" text,
	"merchant_id" text,
	"product_id" text,
	"category_id" text,
	"post_id" text,
	"live_id" text,
	"community_id" text,
	"order_id" text,
	"amount" bigint,
	"qty" integer,
	"query" text,
	"results" integer,
	"slot" text,
	"position" integer,
	"experiment" text,
	"variant" text,
	"province" text,
	"pay_method" text,
	"dwell_ms" integer,
	"props" text,
	CONSTRAINT "analytics_inbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "analytics_order_facts" (
	"order_id" text PRIMARY KEY NOT NULL,
	"placed" jsonb,
	"attributed" jsonb,
	"paid" jsonb,
	"pay_rows_written_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "analytics_user_devices" (
	"user_pid" text PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"platform" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistant_confirmations" (
	"token" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"conversation_id" text NOT NULL,
	"action" jsonb NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "attribution_touches" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"product_id" text,
	"post_id" text,
	"creator_id" text,
	"sharer_id" text,
	"community_id" text,
	"live_session_id" text,
	"affiliate_code" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "line_attributions" (
	"line_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"qty" integer NOT NULL,
	"pay_amount" bigint NOT NULL,
	"source" text NOT NULL,
	"post_id" text,
	"creator_id" text,
	"sharer_id" text,
	"community_id" text,
	"live_session_id" text,
	"affiliate_code" text,
	"first_source" text NOT NULL,
	"first_touch_at" timestamp with time zone,
	"last_touch_at" timestamp with time zone,
	"ordered_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"voided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "share_links" (
	"token" text PRIMARY KEY NOT NULL,
	"sharer_id" text NOT NULL,
	"post_id" text,
	"product_id" text,
	"creator_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authentication_cases" (
	"order_id" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"merchant_id" text NOT NULL,
	"items" jsonb NOT NULL,
	"status" text NOT NULL,
	"inbound_carrier" text,
	"inbound_tracking_no" text,
	"inbound_at" timestamp with time zone,
	"certificate_no" text,
	"findings" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"leaf_index" integer,
	"outbound_carrier" text,
	"outbound_tracking_no" text,
	"refund_id" text,
	"refunded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bargain_campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"title" text NOT NULL,
	"floor_price" bigint NOT NULL,
	"helps_needed" integer NOT NULL,
	"duration_minutes" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bargain_campaigns_helps" CHECK ("bargain_campaigns"."helps_needed" between 1 and 100),
	CONSTRAINT "bargain_campaigns_floor" CHECK ("bargain_campaigns"."floor_price" > 0)
);
--> statement-breakpoint
CREATE TABLE "bargain_helps" (
	"id" text PRIMARY KEY NOT NULL,
	"bargain_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"helper_id" text NOT NULL,
	"seq" integer NOT NULL,
	"amount" bigint NOT NULL,
	"price_after" bigint NOT NULL,
	"ip" text NOT NULL,
	"device_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bargains" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"user_id" text NOT NULL,
	"seed" text NOT NULL,
	"start_price" bigint NOT NULL,
	"floor_price" bigint NOT NULL,
	"helps_needed" integer NOT NULL,
	"helps_count" integer DEFAULT 0 NOT NULL,
	"current_price" bigint NOT NULL,
	"status" text NOT NULL,
	"order_id" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"purchased_at" timestamp with time zone,
	CONSTRAINT "bargains_price_range" CHECK ("bargains"."current_price" between "bargains"."floor_price" and "bargains"."start_price"),
	CONSTRAINT "bargains_helps_range" CHECK ("bargains"."helps_count" between 0 and "bargains"."helps_needed")
);
--> statement-breakpoint
CREATE TABLE "c2m_design_ballots" (
	"design_vote_id" text NOT NULL,
	"user_id" text NOT NULL,
	"option_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "c2m_design_ballots_design_vote_id_user_id_pk" PRIMARY KEY("design_vote_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "c2m_design_options" (
	"id" text PRIMARY KEY NOT NULL,
	"design_vote_id" text NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"vote_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "c2m_design_votes" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"category_id" text NOT NULL,
	"proposal_id" text,
	"title" text NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "c2m_pledges" (
	"id" text PRIMARY KEY NOT NULL,
	"presale_id" text NOT NULL,
	"user_id" text NOT NULL,
	"qty" integer NOT NULL,
	"order_id" text NOT NULL,
	"status" text NOT NULL,
	"pay_amount" bigint NOT NULL,
	"refund_id" text,
	"refund_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "c2m_pledges_order_id_unique" UNIQUE("order_id"),
	CONSTRAINT "c2m_pledges_qty" CHECK ("c2m_pledges"."qty" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "c2m_presales" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"title" text NOT NULL,
	"design_vote_id" text,
	"price" bigint NOT NULL,
	"min_batch" integer NOT NULL,
	"target_qty" integer NOT NULL,
	"paid_qty" integer DEFAULT 0 NOT NULL,
	"backers" integer DEFAULT 0 NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"deliver_by" timestamp with time zone NOT NULL,
	"supplier_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"status" text DEFAULT 'funding' NOT NULL,
	"po_id" text,
	"decided_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "c2m_presales_qty" CHECK ("c2m_presales"."min_batch" > 0 and "c2m_presales"."target_qty" >= "c2m_presales"."min_batch" and "c2m_presales"."paid_qty" >= 0),
	CONSTRAINT "c2m_presales_price" CHECK ("c2m_presales"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "c2m_proposal_votes" (
	"proposal_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "c2m_proposal_votes_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "c2m_proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"category_id" text NOT NULL,
	"title" text NOT NULL,
	"variant" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"proposed_by" text NOT NULL,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "c2m_proposals_votes" CHECK ("c2m_proposals"."vote_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" text PRIMARY KEY NOT NULL,
	"parent_id" text,
	"name" text NOT NULL,
	"icon_url" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"no_reason_return" boolean DEFAULT true NOT NULL,
	"return_policy_note" text
);
--> statement-breakpoint
CREATE TABLE "merchants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"logo_url" text,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"credit_score" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"category_id" text NOT NULL,
	"title" text NOT NULL,
	"subtitle" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"images" text[] DEFAULT '{}' NOT NULL,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"specs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"made_to_order" boolean DEFAULT false NOT NULL,
	"min_price" bigint DEFAULT 0 NOT NULL,
	"max_price" bigint DEFAULT 0 NOT NULL,
	"sales_count" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"title_tokens" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "products_sales_nonnegative" CHECK ("products"."sales_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "search_word_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "search_word_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"words" text[] NOT NULL,
	"category_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sku_charged_prices" (
	"sku_id" text NOT NULL,
	"order_id" text NOT NULL,
	"unit_price" bigint NOT NULL,
	"charged_at" timestamp with time zone NOT NULL,
	"fake_sale_at" timestamp with time zone,
	CONSTRAINT "sku_charged_prices_sku_id_order_id_pk" PRIMARY KEY("sku_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "sku_price_history" (
	"id" text PRIMARY KEY NOT NULL,
	"sku_id" text NOT NULL,
	"price" bigint NOT NULL,
	"original_price" bigint,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skus" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"spec_values" jsonb NOT NULL,
	"spec_text" text NOT NULL,
	"price" bigint NOT NULL,
	"original_price" bigint,
	"stock" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"weight_grams" integer DEFAULT 0 NOT NULL,
	"code" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "skus_weight_nonnegative" CHECK ("skus"."weight_grams" >= 0),
	CONSTRAINT "skus_stock_nonnegative" CHECK ("skus"."stock" >= 0),
	CONSTRAINT "skus_price_positive" CHECK ("skus"."price" > 0)
);
--> statement-breakpoint
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
CREATE TABLE "community_announcements" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"promotional" boolean NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_chat_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"group_id" text NOT NULL,
	"sender_id" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"image_urls" text[] NOT NULL,
	"product" jsonb,
	"verdict" text NOT NULL,
	"pinned_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"removed_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "communities" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text,
	"owner_user_id" text,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"cover_url" text,
	"admission" text NOT NULL,
	"admission_min_tier" text,
	"exclusive" boolean DEFAULT false NOT NULL,
	"group_capacity" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "communities_capacity_range" CHECK ("communities"."group_capacity" between 2 and 500),
	CONSTRAINT "communities_owner" CHECK ("communities"."merchant_id" is not null or "communities"."owner_user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "community_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"user_id" text NOT NULL,
	"message" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "community_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"seq" integer NOT NULL,
	"capacity" integer NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "community_groups_not_over_capacity" CHECK ("community_groups"."member_count" between 0 and "community_groups"."capacity"),
	CONSTRAINT "community_groups_capacity_range" CHECK ("community_groups"."capacity" between 2 and 500)
);
--> statement-breakpoint
CREATE TABLE "community_members" (
	"community_id" text NOT NULL,
	"user_id" text NOT NULL,
	"group_id" text NOT NULL,
	"tier" text DEFAULT 'regular' NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"source" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"muted_until" timestamp with time zone,
	"last_read_message_id" text,
	CONSTRAINT "community_members_community_id_user_id_pk" PRIMARY KEY("community_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "community_inbox" (
	"message_id" text NOT NULL,
	"user_id" text NOT NULL,
	"community_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "community_inbox_message_id_user_id_pk" PRIMARY KEY("message_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "community_marketing_consents" (
	"user_id" text PRIMARY KEY NOT NULL,
	"consented" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_meetup_signups" (
	"meetup_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "community_meetup_signups_meetup_id_user_id_pk" PRIMARY KEY("meetup_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "community_meetups" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"location" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"signed_up" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "community_meetups_capacity" CHECK ("community_meetups"."signed_up" between 0 and "community_meetups"."capacity")
);
--> statement-breakpoint
CREATE TABLE "community_member_tags" (
	"community_id" text NOT NULL,
	"user_id" text NOT NULL,
	"tag" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "community_member_tags_community_id_user_id_tag_pk" PRIMARY KEY("community_id","user_id","tag")
);
--> statement-breakpoint
CREATE TABLE "community_member_timeline" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"ref_id" text,
	"detail" text NOT NULL,
	"dedupe_key" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_merchant_buyers" (
	"merchant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"first_order_id" text NOT NULL,
	"first_paid_at" timestamp with time zone NOT NULL,
	CONSTRAINT "community_merchant_buyers_merchant_id_user_id_pk" PRIMARY KEY("merchant_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "community_promo_pushes" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"week" text NOT NULL,
	"slot" integer NOT NULL,
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "community_promo_pushes_slot_range" CHECK ("community_promo_pushes"."slot" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "community_segment_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"product_id" text,
	"promotional" boolean NOT NULL,
	"segment" jsonb NOT NULL,
	"recipients" integer NOT NULL,
	"skipped_no_consent" integer NOT NULL,
	"sent_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_staff_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"user_id" text NOT NULL,
	"author_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ad_lexicon_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"except_pattern" text,
	"category" text NOT NULL,
	"action" text NOT NULL,
	"article" text NOT NULL,
	"title" text NOT NULL,
	"rewrite" text,
	"scope" text NOT NULL,
	"category_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"enabled" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "ad_lexicon_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
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
CREATE TABLE "coupon_buyers" (
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"paid_orders" integer NOT NULL,
	"first_paid_at" timestamp with time zone NOT NULL,
	"last_paid_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coupon_buyers_user_id_merchant_id_pk" PRIMARY KEY("user_id","merchant_id")
);
--> statement-breakpoint
CREATE TABLE "coupon_claims" (
	"template_id" text NOT NULL,
	"user_id" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "coupon_claims_template_id_user_id_pk" PRIMARY KEY("template_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "coupon_new_user_packs" (
	"user_id" text PRIMARY KEY NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coupon_redemptions" (
	"coupon_id" text NOT NULL,
	"order_id" text NOT NULL,
	"template_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "coupon_redemptions_coupon_id_order_id_pk" PRIMARY KEY("coupon_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "coupon_subsidies" (
	"coupon_id" text NOT NULL,
	"order_id" text NOT NULL,
	"template_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"reversed_amount" bigint DEFAULT 0 NOT NULL,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coupon_subsidies_coupon_id_order_id_pk" PRIMARY KEY("coupon_id","order_id"),
	CONSTRAINT "coupon_subsidies_reversed_le_amount" CHECK ("coupon_subsidies"."reversed_amount" between 0 and "coupon_subsidies"."amount")
);
--> statement-breakpoint
CREATE TABLE "coupon_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text,
	"created_by" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"threshold_amount" bigint NOT NULL,
	"discount_amount" bigint NOT NULL,
	"percent_off" integer,
	"max_discount" bigint,
	"scope" text NOT NULL,
	"product_ids" text[] NOT NULL,
	"category_ids" text[] NOT NULL,
	"audience" text NOT NULL,
	"first_order_only" boolean DEFAULT false NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"valid_days" integer,
	"claim_from" timestamp with time zone NOT NULL,
	"claim_until" timestamp with time zone NOT NULL,
	"total_quantity" integer NOT NULL,
	"per_user_limit" integer NOT NULL,
	"issued_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coupon_templates_issued_le_total" CHECK ("coupon_templates"."issued_count" <= "coupon_templates"."total_quantity"),
	CONSTRAINT "coupon_templates_percent_range" CHECK ("coupon_templates"."percent_off" is null or "coupon_templates"."percent_off" between 1 and 90)
);
--> statement-breakpoint
CREATE TABLE "coupons" (
	"id" text PRIMARY KEY NOT NULL,
	"template_id" text NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text,
	"source" text NOT NULL,
	"status" text DEFAULT 'available' NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"checkout_id" text,
	"used_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"return_count" integer DEFAULT 0 NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discovery_builds" (
	"id" text PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"items" integer NOT NULL,
	"interactions" integer NOT NULL,
	"neighbour_rows" integer NOT NULL,
	"millis" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discovery_interactions" (
	"user_id" text NOT NULL,
	"product_id" text NOT NULL,
	"kind" text NOT NULL,
	"weight" double precision NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_event_id" text NOT NULL,
	CONSTRAINT "discovery_interactions_user_id_product_id_kind_pk" PRIMARY KEY("user_id","product_id","kind")
);
--> statement-breakpoint
CREATE TABLE "discovery_interest_tags" (
	"user_id" text NOT NULL,
	"category_id" text NOT NULL,
	"weight" double precision NOT NULL,
	"deleted_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "discovery_interest_tags_user_id_category_id_pk" PRIMARY KEY("user_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "discovery_items" (
	"product_id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"category_id" text NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"available" boolean NOT NULL,
	"popularity" double precision DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discovery_neighbours" (
	"product_id" text NOT NULL,
	"kind" text NOT NULL,
	"rank" integer NOT NULL,
	"neighbour_id" text NOT NULL,
	"score" double precision NOT NULL,
	CONSTRAINT "discovery_neighbours_product_id_kind_rank_pk" PRIMARY KEY("product_id","kind","rank")
);
--> statement-breakpoint
CREATE TABLE "discovery_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"personalised" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discovery_user_feeds" (
	"user_id" text PRIMARY KEY NOT NULL,
	"feed" jsonb NOT NULL,
	"built_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "affiliate_links" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"promoter_id" text NOT NULL,
	"product_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "affiliate_links_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "commission_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text,
	"scope" text NOT NULL,
	"target" text NOT NULL,
	"rate_bp" integer NOT NULL,
	"cap_amount" bigint,
	"second_rate_bp" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "commission_rules_rates" CHECK ("commission_rules"."rate_bp" >= 0 and "commission_rules"."second_rate_bp" >= 0 and "commission_rules"."rate_bp" + "commission_rules"."second_rate_bp" <= 5000)
);
--> statement-breakpoint
CREATE TABLE "commissions" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"line_id" text NOT NULL,
	"level" integer NOT NULL,
	"promoter_id" text NOT NULL,
	"buyer_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"product_title" text NOT NULL,
	"affiliate_code" text NOT NULL,
	"rule_id" text NOT NULL,
	"rate_bp" integer NOT NULL,
	"base_amount" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"reversed_amount" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "commissions_reversed_le_amount" CHECK ("commissions"."reversed_amount" >= 0 and "commissions"."reversed_amount" <= "commissions"."amount")
);
--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"user_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"provider_account_ref" text NOT NULL,
	"holder_name" text NOT NULL,
	"masked_account" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "withdrawals" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"withheld" bigint NOT NULL,
	"net" bigint NOT NULL,
	"tax_month" text NOT NULL,
	"status" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_ref" text NOT NULL,
	"masked_account" text NOT NULL,
	"provider_payout_ref" text,
	"failure_reason" text,
	"requested_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "withdrawals_amounts" CHECK ("withdrawals"."amount" > 0 and "withdrawals"."withheld" >= 0 and "withdrawals"."net" = "withdrawals"."amount" - "withdrawals"."withheld")
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"hypothesis" text NOT NULL,
	"layer" text NOT NULL,
	"variants" jsonb NOT NULL,
	"traffic_percent" integer NOT NULL,
	"primary_metric" text NOT NULL,
	"guardrails" text[] NOT NULL,
	"baseline_rate" double precision NOT NULL,
	"minimum_detectable_effect" double precision NOT NULL,
	"salt" text NOT NULL,
	"status" text NOT NULL,
	"bucket_start" integer,
	"bucket_end" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone,
	"stopped_by" text,
	"stopped_at" timestamp with time zone,
	CONSTRAINT "experiments_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "care_mode_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"voice_prices" boolean DEFAULT false NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "family_bindings" (
	"id" text PRIMARY KEY NOT NULL,
	"child_id" text NOT NULL,
	"parent_id" text NOT NULL,
	"status" text NOT NULL,
	"monthly_budget" bigint NOT NULL,
	"allowed_category_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "family_bindings_budget_positive" CHECK ("family_bindings"."monthly_budget" > 0),
	CONSTRAINT "family_bindings_not_self" CHECK ("family_bindings"."child_id" <> "family_bindings"."parent_id")
);
--> statement-breakpoint
CREATE TABLE "family_budget_usage" (
	"binding_id" text NOT NULL,
	"month" text NOT NULL,
	"used" bigint NOT NULL,
	CONSTRAINT "family_budget_usage_binding_id_month_pk" PRIMARY KEY("binding_id","month"),
	CONSTRAINT "family_budget_usage_not_negative" CHECK ("family_budget_usage"."used" >= 0)
);
--> statement-breakpoint
CREATE TABLE "family_pay_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"checkout_id" text NOT NULL,
	"order_ids" text[] NOT NULL,
	"requester_id" text NOT NULL,
	"binding_id" text,
	"month" text,
	"token" text NOT NULL,
	"amount" bigint NOT NULL,
	"status" text NOT NULL,
	"payer_id" text,
	"payment_id" text,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"refund_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"cancel_reason" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "family_pay_requests_amount_positive" CHECK ("family_pay_requests"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "flash_items" (
	"id" text PRIMARY KEY NOT NULL,
	"sale_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"product_id" text NOT NULL,
	"flash_price" bigint NOT NULL,
	"regular_price" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"per_user_limit" integer NOT NULL,
	"closed_at" timestamp with time zone,
	"returned_qty" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "flash_items_sold_within_quantity" CHECK ("flash_items"."sold" >= 0 and "flash_items"."sold" <= "flash_items"."quantity"),
	CONSTRAINT "flash_items_price" CHECK ("flash_items"."flash_price" > 0 and "flash_items"."flash_price" < "flash_items"."regular_price")
);
--> statement-breakpoint
CREATE TABLE "flash_purchases" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"sale_id" text NOT NULL,
	"user_id" text NOT NULL,
	"request_key" text NOT NULL,
	"qty" integer NOT NULL,
	"order_id" text NOT NULL,
	"checkout_id" text NOT NULL,
	"pay_amount" bigint NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"pay_deadline" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flash_quotas" (
	"item_id" text NOT NULL,
	"user_id" text NOT NULL,
	"qty" integer NOT NULL,
	CONSTRAINT "flash_quotas_item_id_user_id_pk" PRIMARY KEY("item_id","user_id"),
	CONSTRAINT "flash_quotas_qty" CHECK ("flash_quotas"."qty" >= 0)
);
--> statement-breakpoint
CREATE TABLE "flash_sales" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"pay_window_seconds" integer NOT NULL,
	"min_tier" text,
	"community_id" text,
	"member_early_access" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "flash_sales_window" CHECK ("flash_sales"."ends_at" > "flash_sales"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "groupbuy_campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"title" text NOT NULL,
	"group_size" integer NOT NULL,
	"group_price" bigint NOT NULL,
	"duration_minutes" integer NOT NULL,
	"per_user_limit" integer,
	"new_user_seats" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "groupbuy_campaigns_size" CHECK ("groupbuy_campaigns"."group_size" between 2 and 50),
	CONSTRAINT "groupbuy_campaigns_new_seats" CHECK ("groupbuy_campaigns"."new_user_seats" between 0 and "groupbuy_campaigns"."group_size" - 1),
	CONSTRAINT "groupbuy_campaigns_price" CHECK ("groupbuy_campaigns"."group_price" > 0)
);
--> statement-breakpoint
CREATE TABLE "groupbuy_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"leader_id" text NOT NULL,
	"size" integer NOT NULL,
	"new_user_seats" integer NOT NULL,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"regular_seats_taken" integer DEFAULT 0 NOT NULL,
	"paid_count" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"succeeded_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	CONSTRAINT "groupbuy_groups_seats" CHECK ("groupbuy_groups"."seats_taken" between 0 and "groupbuy_groups"."size" and "groupbuy_groups"."paid_count" between 0 and "groupbuy_groups"."seats_taken"),
	CONSTRAINT "groupbuy_groups_regular_seats" CHECK ("groupbuy_groups"."regular_seats_taken" between 0 and "groupbuy_groups"."size" - "groupbuy_groups"."new_user_seats")
);
--> statement-breakpoint
CREATE TABLE "groupbuy_members" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"user_id" text NOT NULL,
	"order_id" text NOT NULL,
	"checkout_id" text NOT NULL,
	"is_leader" boolean NOT NULL,
	"is_new_user" boolean NOT NULL,
	"status" text NOT NULL,
	"pay_amount" bigint NOT NULL,
	"refund_id" text,
	"refunded_after_success" boolean DEFAULT false NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"refunded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "first_purchases" (
	"user_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"invitee_id" text PRIMARY KEY NOT NULL,
	"inviter_id" text NOT NULL,
	"code" text NOT NULL,
	"ancestors" text[] NOT NULL,
	"bound_at" timestamp with time zone NOT NULL,
	"reward_status" text DEFAULT 'waiting' NOT NULL,
	"reward_order_id" text,
	"reward_amount" bigint DEFAULT 0 NOT NULL,
	"rewarded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "invite_codes" (
	"user_id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invite_codes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "invitee_orders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"invitee_id" text NOT NULL,
	"inviter_id" text NOT NULL,
	"status" text NOT NULL,
	"pay_amount" bigint NOT NULL,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lifecycle_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"scope" text NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"acted_at" timestamp with time zone,
	"window_ends_at" timestamp with time zone,
	"converted_at" timestamp with time zone,
	"coupon_id" text,
	"text" text
);
--> statement-breakpoint
CREATE TABLE "lifecycle_customers" (
	"scope" text NOT NULL,
	"user_id" text NOT NULL,
	"user_pid" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"first_paid_at" timestamp with time zone,
	"last_paid_at" timestamp with time zone,
	"interactions" integer DEFAULT 0 NOT NULL,
	"influence" integer DEFAULT 0 NOT NULL,
	"segment" text DEFAULT 'new' NOT NULL,
	"segment_since" timestamp with time zone NOT NULL,
	"health" integer DEFAULT 0 NOT NULL,
	"churn_warning" boolean DEFAULT false NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lifecycle_customers_scope_user_id_pk" PRIMARY KEY("scope","user_id")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"marketing_opt_out" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lifecycle_purchases" (
	"scope" text NOT NULL,
	"order_id" text NOT NULL,
	"user_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lifecycle_purchases_scope_order_id_pk" PRIMARY KEY("scope","order_id")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"kind" text NOT NULL,
	"enabled" boolean NOT NULL,
	"cap_days" integer NOT NULL,
	"quiet_start" integer NOT NULL,
	"quiet_end" integer NOT NULL,
	"holdout_pct" integer NOT NULL,
	"conversion_days" integer NOT NULL,
	"last_run_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lifecycle_snapshots" (
	"scope" text NOT NULL,
	"day" date NOT NULL,
	"segment" text NOT NULL,
	"users" integer NOT NULL,
	CONSTRAINT "lifecycle_snapshots_scope_day_segment_pk" PRIMARY KEY("scope","day","segment")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_transitions" (
	"id" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"user_id" text NOT NULL,
	"from_segment" text,
	"to_segment" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_chat_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"reply_to_id" text,
	"verdict" text DEFAULT 'approved' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" text
);
--> statement-breakpoint
CREATE TABLE "live_flash_sales" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"flash_sale_id" text NOT NULL,
	"flash_item_id" text NOT NULL,
	"product_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_host_qualifications" (
	"merchant_id" text PRIMARY KEY NOT NULL,
	"real_name" text,
	"id_number_tail" text,
	"real_name_verified_at" timestamp with time zone,
	"deposit_held" bigint DEFAULT 0 NOT NULL,
	"deposit_paid_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_host_deposit_nonnegative" CHECK ("live_host_qualifications"."deposit_held" >= 0)
);
--> statement-breakpoint
CREATE TABLE "live_lotteries" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"keyword" text NOT NULL,
	"prize" jsonb NOT NULL,
	"winners_count" integer NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"seed_commitment" text NOT NULL,
	"seed" text NOT NULL,
	"status" text NOT NULL,
	"drawn_at" timestamp with time zone,
	"prize_note" text,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_lottery_entries" (
	"lottery_id" text NOT NULL,
	"user_id" text NOT NULL,
	"message_id" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"won" boolean DEFAULT false NOT NULL,
	"prize_ref" text,
	CONSTRAINT "live_lottery_entries_lottery_id_user_id_pk" PRIMARY KEY("lottery_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "live_metric_minutes" (
	"session_id" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"viewers" integer DEFAULT 0 NOT NULL,
	"chats" integer DEFAULT 0 NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"product_clicks" integer DEFAULT 0 NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"gmv" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "live_metric_minutes_session_id_minute_pk" PRIMARY KEY("session_id","minute")
);
--> statement-breakpoint
CREATE TABLE "live_mutes" (
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"muted_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_mutes_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "live_orders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"guaranteed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"voided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "live_pins" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"product_id" text NOT NULL,
	"pinned_by" text NOT NULL,
	"pinned_at" timestamp with time zone NOT NULL,
	"unpinned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "live_pks" (
	"id" text PRIMARY KEY NOT NULL,
	"session_a" text NOT NULL,
	"session_b" text NOT NULL,
	"metric" text NOT NULL,
	"duration_seconds" integer NOT NULL,
	"status" text NOT NULL,
	"base_a" bigint DEFAULT 0 NOT NULL,
	"base_b" bigint DEFAULT 0 NOT NULL,
	"score_a" bigint,
	"score_b" bigint,
	"started_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"responded_by" text,
	"responded_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"winner" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_pks_two_rooms" CHECK ("live_pks"."session_a" <> "live_pks"."session_b")
);
--> statement-breakpoint
CREATE TABLE "live_poll_votes" (
	"poll_id" text NOT NULL,
	"user_id" text NOT NULL,
	"option_index" integer NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_poll_votes_poll_id_user_id_pk" PRIMARY KEY("poll_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "live_polls" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"question" text NOT NULL,
	"options" jsonb NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_product_stats" (
	"session_id" text NOT NULL,
	"product_id" text NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"gmv" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "live_product_stats_session_id_product_id_pk" PRIMARY KEY("session_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "live_reminders" (
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	CONSTRAINT "live_reminders_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "live_roles" (
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"assigned_by" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_roles_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "live_session_products" (
	"session_id" text NOT NULL,
	"product_id" text NOT NULL,
	"position" integer NOT NULL,
	"claim" text,
	CONSTRAINT "live_session_products_session_id_product_id_pk" PRIMARY KEY("session_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "live_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"creator_id" text,
	"host_user_id" text NOT NULL,
	"title" text NOT NULL,
	"cover_url" text,
	"status" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"stream_key" text NOT NULL,
	"playback_url" text NOT NULL,
	"replay_url" text,
	"likes" bigint DEFAULT 0 NOT NULL,
	"peak_viewers" integer DEFAULT 0 NOT NULL,
	"demo_audience" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_visits" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"viewer_key" text NOT NULL,
	"user_id" text,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"likes" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "shipping_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"charge_by" text DEFAULT 'pieces' NOT NULL,
	"default_rule" jsonb NOT NULL,
	"regions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"free_threshold" bigint,
	"remote_provinces" text[] DEFAULT '{}' NOT NULL,
	"remote_mode" text DEFAULT 'surcharge' NOT NULL,
	"remote_extra_fee" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" text PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"order_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"text" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"carrier" text NOT NULL,
	"carrier_code" text NOT NULL,
	"tracking_no" text NOT NULL,
	"provider" text NOT NULL,
	"status" text,
	"subscribed_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_day_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"day_of_month" integer NOT NULL,
	"points_multiplier" integer NOT NULL,
	"tier_percent_off" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_growth" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"order_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"pay_amount" bigint,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"user_id" text PRIMARY KEY NOT NULL,
	"tier" text NOT NULL,
	"growth" bigint NOT NULL,
	"tier_since" timestamp with time zone NOT NULL,
	"recomputed_at" timestamp with time zone NOT NULL,
	"birthday" text,
	"birthday_gift_year" integer,
	"trial_opt_in" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"reporter_id" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "moderation_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"author_id" text NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"operator_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_item_events" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_items" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"author_id" text NOT NULL,
	"text" text NOT NULL,
	"image_urls" text[] NOT NULL,
	"verdict" text NOT NULL,
	"reasons" text[] NOT NULL,
	"matched_words" text[] NOT NULL,
	"lexicon_version" integer,
	"status" text NOT NULL,
	"decided_by" text,
	"decision_note" text,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "api_key_nonces" (
	"key_id" text NOT NULL,
	"nonce" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "api_key_nonces_key_id_nonce_pk" PRIMARY KEY("key_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text DEFAULT 'merchant' NOT NULL,
	"merchant_id" text,
	"name" text NOT NULL,
	"scopes" text[] NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_expires_at" timestamp with time zone,
	"rate_limit_per_minute" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"delivery_id" text NOT NULL,
	"trigger" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status_code" integer,
	"duration_ms" integer NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"source_event_id" text,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"next_trigger" text DEFAULT 'automatic' NOT NULL,
	"last_status_code" integer,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"url" text NOT NULL,
	"description" text NOT NULL,
	"event_types" text[] NOT NULL,
	"secret" text NOT NULL,
	"enabled" boolean NOT NULL,
	"disabled_by" text,
	"disabled_reason" text,
	"disabled_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"failing_since" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cart_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"product_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"qty" integer NOT NULL,
	"price_when_added" bigint NOT NULL,
	"selected" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cart_lines_qty_range" CHECK ("cart_lines"."qty" between 1 and 999)
);
--> statement-breakpoint
CREATE TABLE "checkouts" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"pay_deadline" timestamp with time zone NOT NULL,
	"payment_id" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"product_id" text NOT NULL,
	"title" text NOT NULL,
	"spec_text" text NOT NULL,
	"image_url" text,
	"unit_price" bigint NOT NULL,
	"qty" integer NOT NULL,
	"line_amount" bigint NOT NULL,
	"discount_amount" bigint NOT NULL,
	"pay_amount" bigint NOT NULL,
	"refunded_qty" integer DEFAULT 0 NOT NULL,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"return_policy" jsonb NOT NULL,
	"stock_pool" text DEFAULT 'catalog' NOT NULL,
	CONSTRAINT "order_lines_refund_within_paid" CHECK ("order_lines"."refunded_qty" between 0 and "order_lines"."qty" and "order_lines"."refunded_amount" between 0 and "order_lines"."pay_amount")
);
--> statement-breakpoint
CREATE TABLE "order_no_counters" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_refunds" (
	"refund_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"shipping_amount" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"checkout_id" text NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"merchant_name" text NOT NULL,
	"status" text NOT NULL,
	"items_amount" bigint NOT NULL,
	"discount_amount" bigint NOT NULL,
	"shipping_fee" bigint NOT NULL,
	"pay_amount" bigint NOT NULL,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"refunded_shipping" bigint DEFAULT 0 NOT NULL,
	"discounts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"address" jsonb NOT NULL,
	"recipient_index" text,
	"phone_index" text,
	"note" text,
	"payment_id" text,
	"carrier" text,
	"tracking_no" text,
	"open_after_sales" integer DEFAULT 0 NOT NULL,
	"cancel_reason" text,
	"campaign_kind" text,
	"campaign_id" text,
	"ship_hold" text,
	"created_at" timestamp with time zone NOT NULL,
	"pay_deadline" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "orders_money_nonnegative" CHECK ("orders"."pay_amount" >= 0 and "orders"."discount_amount" >= 0 and "orders"."shipping_fee" >= 0),
	CONSTRAINT "orders_refund_within_paid" CHECK ("orders"."refunded_amount" >= 0 and "orders"."refunded_amount" <= "orders"."pay_amount"),
	CONSTRAINT "orders_open_after_sales_nonnegative" CHECK ("orders"."open_after_sales" >= 0)
);
--> statement-breakpoint
CREATE TABLE "compensation_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"ref_id" text NOT NULL,
	"user_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"memo" text NOT NULL,
	"debit_account" text NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"order_id" text,
	"payee_account" text,
	"generation" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"manual_note" text,
	"manual_by" text,
	"provider_transfer_ref" text,
	"requested_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "compensation_transfers_amount_positive" CHECK ("compensation_transfers"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_orders" (
	"payment_id" text NOT NULL,
	"order_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"outcome" text NOT NULL,
	CONSTRAINT "payment_orders_payment_id_order_id_pk" PRIMARY KEY("payment_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" text PRIMARY KEY NOT NULL,
	"checkout_id" text NOT NULL,
	"user_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"provider" text NOT NULL,
	"provider_ref" text NOT NULL,
	"pay_url" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"payer_index" text,
	"payer_account" text,
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"ref_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"order_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"debit_account" text,
	"provider_refund_ref" text,
	"requested_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "charity_donations" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"user_id" text NOT NULL,
	"points" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "charity_projects" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"organization" text NOT NULL,
	"description" text NOT NULL,
	"image_url" text,
	"target_points" bigint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_gifts" (
	"id" text PRIMARY KEY NOT NULL,
	"from_user_id" text NOT NULL,
	"to_user_id" text NOT NULL,
	"points" integer NOT NULL,
	"message" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_lots" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"source_ref" text NOT NULL,
	"amount" bigint NOT NULL,
	"remaining" bigint NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_lots_remaining" CHECK ("points_lots"."remaining" >= 0 and "points_lots"."remaining" <= "points_lots"."amount")
);
--> statement-breakpoint
CREATE TABLE "points_mall_items" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"image_url" text,
	"points_cost" integer NOT NULL,
	"stock" integer NOT NULL,
	"per_user_limit" integer NOT NULL,
	"coupon_template_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"redeemed_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_mall_stock" CHECK ("points_mall_items"."stock" >= 0),
	CONSTRAINT "points_mall_cost" CHECK ("points_mall_items"."points_cost" > 0)
);
--> statement-breakpoint
CREATE TABLE "points_orders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"used" bigint DEFAULT 0 NOT NULL,
	"used_returned" bigint DEFAULT 0 NOT NULL,
	"used_lots" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pay_amount" bigint,
	"earned" bigint DEFAULT 0 NOT NULL,
	"earned_reversed" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_redemptions" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"user_id" text NOT NULL,
	"item_title" text NOT NULL,
	"points" integer NOT NULL,
	"status" text NOT NULL,
	"ship_to" jsonb,
	"fulfil_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"fulfilled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "points_shares" (
	"user_id" text NOT NULL,
	"day" text NOT NULL,
	"target" text NOT NULL,
	"points" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_shares_user_id_day_target_pk" PRIMARY KEY("user_id","day","target")
);
--> statement-breakpoint
CREATE TABLE "points_sign_ins" (
	"user_id" text NOT NULL,
	"day" text NOT NULL,
	"streak" integer NOT NULL,
	"points" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_sign_ins_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "points_subsidies" (
	"order_id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"reversed_amount" bigint DEFAULT 0 NOT NULL,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "points_subsidies_reversed_le_amount" CHECK ("points_subsidies"."reversed_amount" between 0 and "points_subsidies"."amount")
);
--> statement-breakpoint
CREATE TABLE "points_wallets" (
	"user_id" text PRIMARY KEY NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brand_partnerships" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"title" text NOT NULL,
	"fee_amount" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_rewards" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"user_id" text NOT NULL,
	"order_line_id" text NOT NULL,
	"post_id" text NOT NULL,
	"points" integer NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"follower_id" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "follows_follower_id_target_type_target_id_pk" PRIMARY KEY("follower_id","target_type","target_id")
);
--> statement-breakpoint
CREATE TABLE "post_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"post_id" text NOT NULL,
	"author_id" text NOT NULL,
	"parent_id" text,
	"reply_to_user_id" text,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"reply_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_favourites" (
	"post_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "post_favourites_post_id_user_id_pk" PRIMARY KEY("post_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "post_likes" (
	"post_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "post_likes_post_id_user_id_pk" PRIMARY KEY("post_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "post_product_clicks" (
	"post_id" text NOT NULL,
	"user_id" text NOT NULL,
	"product_id" text NOT NULL,
	"day" text NOT NULL,
	CONSTRAINT "post_product_clicks_post_id_user_id_product_id_day_pk" PRIMARY KEY("post_id","user_id","product_id","day")
);
--> statement-breakpoint
CREATE TABLE "post_topics" (
	"topic" text NOT NULL,
	"post_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "post_topics_topic_post_id_pk" PRIMARY KEY("topic","post_id")
);
--> statement-breakpoint
CREATE TABLE "post_views" (
	"post_id" text NOT NULL,
	"viewer_id" text NOT NULL,
	"day" text NOT NULL,
	CONSTRAINT "post_views_post_id_viewer_id_day_pk" PRIMARY KEY("post_id","viewer_id","day")
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" text PRIMARY KEY NOT NULL,
	"author_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"images" text[] NOT NULL,
	"video_url" text,
	"poster_url" text,
	"product_ids" text[] NOT NULL,
	"merchant_ids" text[] NOT NULL,
	"category_ids" text[] NOT NULL,
	"topics" text[] NOT NULL,
	"status" text NOT NULL,
	"partnership_id" text,
	"sponsor_merchant_id" text,
	"order_line_id" text,
	"like_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"favourite_count" integer DEFAULT 0 NOT NULL,
	"share_count" integer DEFAULT 0 NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"product_click_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "posts_counts_nonneg" CHECK ("posts"."like_count" >= 0 and "posts"."comment_count" >= 0 and "posts"."favourite_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"name" text PRIMARY KEY NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"is_challenge" boolean DEFAULT false NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_cancellations" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"erase_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"after_commit_done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "privacy_consent_records" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"policy_version" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_consents" (
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"policy_version" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "privacy_consents_user_id_purpose_pk" PRIMARY KEY("user_id","purpose")
);
--> statement-breakpoint
CREATE TABLE "privacy_exports" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"ready_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"archive" "bytea",
	"size_bytes" integer,
	"table_count" integer,
	"row_count" integer
);
--> statement-breakpoint
CREATE TABLE "review_appeals" (
	"review_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"product_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"removed_at" timestamp with time zone NOT NULL,
	"removal_note" text,
	"appealed_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "review_chain_heads" (
	"product_id" text PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL,
	"head_hash" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_fingerprints" (
	"review_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"ip_hash" text,
	"device_hash" text,
	"delivered_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"account_created_at" timestamp with time zone,
	"address_hash" text,
	"payer_hash" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_flags" (
	"review_id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"status" text NOT NULL,
	"score" integer NOT NULL,
	"signals" jsonb NOT NULL,
	"flagged_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "review_replies" (
	"review_id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"content" text NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"order_line_id" text NOT NULL,
	"user_id" text NOT NULL,
	"spec_text" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" text,
	"rating_quality" integer,
	"rating_logistics" integer,
	"rating_service" integer,
	"rating" integer,
	"content" text NOT NULL,
	"images" text[] NOT NULL,
	"anonymous" boolean NOT NULL,
	"follow_up_until" timestamp with time zone,
	"seq" integer NOT NULL,
	"prev_hash" text NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reviews_rating_range" CHECK ("reviews"."rating" is null or "reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "service_agents" (
	"desk" text NOT NULL,
	"user_id" text NOT NULL,
	"online" boolean NOT NULL,
	"skills" text[] NOT NULL,
	"max_concurrent" integer NOT NULL,
	"active_count" integer DEFAULT 0 NOT NULL,
	"last_assigned_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_agents_desk_user_id_pk" PRIMARY KEY("desk","user_id"),
	CONSTRAINT "service_agents_active_ck" CHECK ("service_agents"."active_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_canned_replies" (
	"id" text PRIMARY KEY NOT NULL,
	"desk" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text,
	"source" text NOT NULL,
	"context" jsonb NOT NULL,
	"skill" text NOT NULL,
	"status" text NOT NULL,
	"agent_id" text,
	"human_joined_at" timestamp with time zone,
	"handover_reason" text,
	"handed_over_at" timestamp with time zone,
	"first_response_due_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"sla_breached_at" timestamp with time zone,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"consumer_read_seq" integer DEFAULT 0 NOT NULL,
	"agent_read_seq" integer DEFAULT 0 NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_conversations_rating_ck" CHECK ("service_conversations"."rating" is null or "service_conversations"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "service_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"seq" integer NOT NULL,
	"sender" text NOT NULL,
	"sender_id" text,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"image_url" text,
	"card" jsonb,
	"quick_replies" jsonb NOT NULL,
	"proposed_action" jsonb,
	"tools_used" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"author_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_access_log" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_user_id" text NOT NULL,
	"staff_roles" text[] NOT NULL,
	"subject_user_id" text,
	"action" text NOT NULL,
	"resource" text NOT NULL,
	"reason" text,
	"people" integer DEFAULT 1 NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_recovery_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_user_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff_role_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_user_id" text NOT NULL,
	"changed_by" text NOT NULL,
	"merchant_id" text,
	"action" text NOT NULL,
	"roles_before" text[] NOT NULL,
	"roles_after" text[] NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_totp" (
	"staff_user_id" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_step" text
);
--> statement-breakpoint
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
	"presold_qty" integer DEFAULT 0 NOT NULL,
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
CREATE TABLE "supply_trace_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_trace_events" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"facts" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"leaf_index" integer NOT NULL
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
CREATE TABLE "transparency_entries" (
	"leaf_index" integer PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"leaf_data" text NOT NULL,
	"leaf_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transparency_log_size" (
	"id" integer PRIMARY KEY NOT NULL,
	"size" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transparency_tree_heads" (
	"tree_size" integer PRIMARY KEY NOT NULL,
	"root_hash" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deposit_movements" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchant_application_events" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchant_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"applicant_id" text NOT NULL,
	"status" text NOT NULL,
	"entity_type" text NOT NULL,
	"shop_name" text NOT NULL,
	"category_id" text NOT NULL,
	"licence_name" text NOT NULL,
	"credit_code" text NOT NULL,
	"licence_image_url" text NOT NULL,
	"licence_valid_until" date,
	"licence_permanent" boolean DEFAULT false NOT NULL,
	"qualifications" jsonb NOT NULL,
	"legal_rep_name" text NOT NULL,
	"legal_rep_id_tail" text NOT NULL,
	"legal_rep_verified_at" timestamp with time zone NOT NULL,
	"bank_name" text NOT NULL,
	"bank_account_holder" text NOT NULL,
	"bank_account_tail" text NOT NULL,
	"revision" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"merchant_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchant_deposits" (
	"merchant_id" text PRIMARY KEY NOT NULL,
	"category_id" text NOT NULL,
	"required" bigint NOT NULL,
	"status" text NOT NULL,
	"exit_requested_at" timestamp with time zone,
	"refundable_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchant_penalties" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"amount" bigint,
	"product_id" text,
	"finding_id" text,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_case_events" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"action" text NOT NULL,
	"by" text NOT NULL,
	"actor_id" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_compensation_claims" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"reason" text NOT NULL,
	"description" text NOT NULL,
	"images" text[] NOT NULL,
	"requested" bigint NOT NULL,
	"approved" bigint,
	"tenfold" bigint,
	"recovered" bigint,
	"status" text NOT NULL,
	"pay_by" timestamp with time zone NOT NULL,
	"refund_id" text,
	"decided_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_complaints" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"merchant_id" text,
	"subject_type" text DEFAULT 'order' NOT NULL,
	"subject_id" text NOT NULL,
	"subject_title" text,
	"order_id" text,
	"product_id" text,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"images" text[] NOT NULL,
	"status" text NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"outcome" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_credit_facts" (
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"value" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_credit_scores" (
	"merchant_id" text PRIMARY KEY NOT NULL,
	"score" bigint NOT NULL,
	"components" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trust_patrol_findings" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text,
	"kind" text NOT NULL,
	"detail" text NOT NULL,
	"status" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "merchant_qualifications" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"image_url" text NOT NULL,
	"valid_until" date,
	"permanent" boolean DEFAULT false NOT NULL,
	"warned_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qualification_delistings" (
	"id" text PRIMARY KEY NOT NULL,
	"qualification_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"product_title" text NOT NULL,
	"top_category_id" text NOT NULL,
	"reason" text NOT NULL,
	"delisted_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "qualification_renewals" (
	"id" text PRIMARY KEY NOT NULL,
	"qualification_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"image_url" text NOT NULL,
	"valid_until" date,
	"permanent" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reason" text
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_journal_id_ledger_journals_id_fk" FOREIGN KEY ("journal_id") REFERENCES "public"."ledger_journals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_staff" ADD CONSTRAINT "merchant_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "socket_tickets" ADD CONSTRAINT "socket_tickets_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_identities" ADD CONSTRAINT "wechat_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_logins" ADD CONSTRAINT "wechat_logins_bind_user_id_users_id_fk" FOREIGN KEY ("bind_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skus" ADD CONSTRAINT "skus_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_groups" ADD CONSTRAINT "community_groups_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_template_id_coupon_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."coupon_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_replies" ADD CONSTRAINT "review_replies_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("done_at","run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_key_uq" ON "jobs" USING btree ("key");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("account");--> statement-breakpoint
CREATE INDEX "ledger_entries_journal_idx" ON "ledger_entries" USING btree ("journal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_journal_ref_uq" ON "ledger_journals" USING btree ("kind","ref_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox_events" USING btree ("dispatched_at","created_at");--> statement-breakpoint
CREATE INDEX "addresses_user_idx" ON "addresses" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "login_codes_phone_index_idx" ON "login_codes" USING btree ("phone_index","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "login_failures_phone_index_uq" ON "login_failures" USING btree ("phone_index");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_uq" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "socket_tickets_expires_idx" ON "socket_tickets" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_index_uq" ON "users" USING btree ("phone_index");--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_identities_openid_uq" ON "wechat_identities" USING btree ("appid","openid");--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_identities_unionid_uq" ON "wechat_identities" USING btree ("unionid");--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_logins_state_uq" ON "wechat_logins" USING btree ("state_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_logins_ticket_uq" ON "wechat_logins" USING btree ("ticket_hash");--> statement-breakpoint
CREATE INDEX "after_sale_events_idx" ON "after_sale_events" USING btree ("after_sale_id","id");--> statement-breakpoint
CREATE INDEX "after_sales_user_idx" ON "after_sales" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "after_sales_merchant_idx" ON "after_sales" USING btree ("merchant_id","status","id");--> statement-breakpoint
CREATE INDEX "after_sales_order_idx" ON "after_sales" USING btree ("order_id","line_id");--> statement-breakpoint
CREATE INDEX "after_sales_escalated_idx" ON "after_sales" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_live_uq" ON "alerts" USING btree ("metric","direction") WHERE "alerts"."state" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_state_idx" ON "alerts" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "analytics_inbox_received_idx" ON "analytics_inbox" USING brin ("received_at");--> statement-breakpoint
CREATE INDEX "assistant_confirmations_user_idx" ON "assistant_confirmations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "attribution_touches_user_product_idx" ON "attribution_touches" USING btree ("user_id","product_id","at");--> statement-breakpoint
CREATE INDEX "line_attributions_order_idx" ON "line_attributions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "line_attributions_post_idx" ON "line_attributions" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "line_attributions_creator_idx" ON "line_attributions" USING btree ("creator_id","ordered_at");--> statement-breakpoint
CREATE INDEX "line_attributions_sharer_idx" ON "line_attributions" USING btree ("sharer_id");--> statement-breakpoint
CREATE INDEX "share_links_sharer_idx" ON "share_links" USING btree ("sharer_id","created_at");--> statement-breakpoint
CREATE INDEX "authentication_cases_queue_idx" ON "authentication_cases" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "authentication_cases_merchant_idx" ON "authentication_cases" USING btree ("merchant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "authentication_cases_certificate_uq" ON "authentication_cases" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "bargain_campaigns_product_idx" ON "bargain_campaigns" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "bargain_campaigns_merchant_idx" ON "bargain_campaigns" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "bargain_helps_one_per_campaign_uq" ON "bargain_helps" USING btree ("campaign_id","helper_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bargain_helps_seq_uq" ON "bargain_helps" USING btree ("bargain_id","seq");--> statement-breakpoint
CREATE INDEX "bargain_helps_ip_idx" ON "bargain_helps" USING btree ("campaign_id","ip","created_at");--> statement-breakpoint
CREATE INDEX "bargain_helps_device_idx" ON "bargain_helps" USING btree ("campaign_id","device_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bargains_one_per_user_uq" ON "bargains" USING btree ("campaign_id","user_id");--> statement-breakpoint
CREATE INDEX "bargains_user_idx" ON "bargains" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "c2m_design_options_vote_idx" ON "c2m_design_options" USING btree ("design_vote_id","position");--> statement-breakpoint
CREATE INDEX "c2m_design_votes_merchant_idx" ON "c2m_design_votes" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "c2m_pledges_presale_idx" ON "c2m_pledges" USING btree ("presale_id","status");--> statement-breakpoint
CREATE INDEX "c2m_pledges_user_idx" ON "c2m_pledges" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "c2m_presales_merchant_idx" ON "c2m_presales" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "c2m_presales_product_idx" ON "c2m_presales" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "c2m_proposal_votes_user_idx" ON "c2m_proposal_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "c2m_proposals_category_idx" ON "c2m_proposals" USING btree ("category_id","vote_count");--> statement-breakpoint
CREATE INDEX "products_merchant_idx" ON "products" USING btree ("merchant_id");--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "products" USING btree ("category_id","status");--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "products" USING gin (to_tsvector('simple', "search_tokens"));--> statement-breakpoint
CREATE INDEX "products_listed_created_idx" ON "products" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "search_word_changes_entry_idx" ON "search_word_changes" USING btree ("entry_id","at");--> statement-breakpoint
CREATE INDEX "search_word_entries_list_idx" ON "search_word_entries" USING btree ("kind","updated_at","id");--> statement-breakpoint
CREATE INDEX "sku_charged_prices_idx" ON "sku_charged_prices" USING btree ("sku_id","charged_at");--> statement-breakpoint
CREATE INDEX "sku_price_history_idx" ON "sku_price_history" USING btree ("sku_id","changed_at");--> statement-breakpoint
CREATE INDEX "skus_product_idx" ON "skus" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "skus_merchant_code_uq" ON "skus" USING btree ("merchant_id","code") WHERE "skus"."code" is not null;--> statement-breakpoint
CREATE INDEX "charity_product_pledges_project_idx" ON "charity_product_pledges" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "charity_product_pledges_merchant_idx" ON "charity_product_pledges" USING btree ("merchant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "charity_sales_line_uq" ON "charity_sales" USING btree ("line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "charity_sales_certificate_uq" ON "charity_sales" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "charity_sales_order_idx" ON "charity_sales" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "charity_sales_project_idx" ON "charity_sales" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "charity_sales_user_idx" ON "charity_sales" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "community_announcements_idx" ON "community_announcements" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "community_chat_group_idx" ON "community_chat_messages" USING btree ("group_id","id");--> statement-breakpoint
CREATE INDEX "community_chat_sender_idx" ON "community_chat_messages" USING btree ("sender_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "communities_exclusive_uq" ON "communities" USING btree ("merchant_id") WHERE "communities"."exclusive";--> statement-breakpoint
CREATE INDEX "communities_merchant_idx" ON "communities" USING btree ("merchant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "community_applications_pending_uq" ON "community_applications" USING btree ("community_id","user_id") WHERE "community_applications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "community_applications_list_idx" ON "community_applications" USING btree ("community_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "community_groups_seq_uq" ON "community_groups" USING btree ("community_id","seq");--> statement-breakpoint
CREATE INDEX "community_members_user_idx" ON "community_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "community_members_group_idx" ON "community_members" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "community_inbox_user_idx" ON "community_inbox" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "community_meetups_idx" ON "community_meetups" USING btree ("community_id","starts_at");--> statement-breakpoint
CREATE INDEX "community_member_tags_tag_idx" ON "community_member_tags" USING btree ("community_id","tag");--> statement-breakpoint
CREATE UNIQUE INDEX "community_timeline_dedupe_uq" ON "community_member_timeline" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "community_timeline_member_idx" ON "community_member_timeline" USING btree ("community_id","user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "community_promo_pushes_slot_uq" ON "community_promo_pushes" USING btree ("community_id","week","slot");--> statement-breakpoint
CREATE INDEX "community_segment_messages_idx" ON "community_segment_messages" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "community_staff_notes_idx" ON "community_staff_notes" USING btree ("community_id","user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ad_lexicon_entries_text_uq" ON "ad_lexicon_entries" USING btree ("kind","text");--> statement-breakpoint
CREATE INDEX "ad_lexicon_entries_list_idx" ON "ad_lexicon_entries" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "ad_lexicon_versions_entry_idx" ON "ad_lexicon_versions" USING btree ("entry_id","version");--> statement-breakpoint
CREATE INDEX "content_courses_merchant_idx" ON "content_courses" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "content_courses_status_idx" ON "content_courses" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_creator_shares_order_uq" ON "content_creator_shares" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "content_creator_shares_creator_idx" ON "content_creator_shares" USING btree ("creator_user_id","id");--> statement-breakpoint
CREATE INDEX "content_creator_shares_course_idx" ON "content_creator_shares" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_entitlements_order_course_uq" ON "content_entitlements" USING btree ("order_id","course_id");--> statement-breakpoint
CREATE INDEX "content_entitlements_user_idx" ON "content_entitlements" USING btree ("user_id","course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_lessons_course_position_uq" ON "content_lessons" USING btree ("course_id","position");--> statement-breakpoint
CREATE INDEX "content_progress_course_idx" ON "content_progress" USING btree ("user_id","course_id");--> statement-breakpoint
CREATE INDEX "coupon_buyers_merchant_idx" ON "coupon_buyers" USING btree ("merchant_id","last_paid_at");--> statement-breakpoint
CREATE INDEX "coupon_redemptions_order_idx" ON "coupon_redemptions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "coupon_redemptions_template_idx" ON "coupon_redemptions" USING btree ("template_id","status");--> statement-breakpoint
CREATE INDEX "coupon_subsidies_order_idx" ON "coupon_subsidies" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "coupon_templates_merchant_idx" ON "coupon_templates" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "coupon_templates_audience_idx" ON "coupon_templates" USING btree ("audience","status","claim_until");--> statement-breakpoint
CREATE INDEX "coupons_user_idx" ON "coupons" USING btree ("user_id","status","valid_until");--> statement-breakpoint
CREATE INDEX "coupons_template_idx" ON "coupons" USING btree ("template_id","status");--> statement-breakpoint
CREATE INDEX "discovery_interactions_product_idx" ON "discovery_interactions" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "discovery_interactions_recent_idx" ON "discovery_interactions" USING btree ("user_id","last_at");--> statement-breakpoint
CREATE INDEX "discovery_items_category_idx" ON "discovery_items" USING btree ("category_id","popularity");--> statement-breakpoint
CREATE UNIQUE INDEX "affiliate_links_promoter_product_uq" ON "affiliate_links" USING btree ("promoter_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_rules_target_uq" ON "commission_rules" USING btree (coalesce("merchant_id", ''),"scope","target");--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_line_level_uq" ON "commissions" USING btree ("line_id","level");--> statement-breakpoint
CREATE INDEX "commissions_promoter_idx" ON "commissions" USING btree ("promoter_id","created_at");--> statement-breakpoint
CREATE INDEX "commissions_order_idx" ON "commissions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "commissions_merchant_idx" ON "commissions" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "withdrawals_user_idx" ON "withdrawals" USING btree ("user_id","requested_at");--> statement-breakpoint
CREATE INDEX "experiments_status_idx" ON "experiments" USING btree ("status","layer");--> statement-breakpoint
CREATE INDEX "experiments_created_idx" ON "experiments" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "family_bindings_child_idx" ON "family_bindings" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "family_bindings_parent_idx" ON "family_bindings" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "family_bindings_live_uq" ON "family_bindings" USING btree ("child_id","parent_id") WHERE "family_bindings"."status" in ('invited', 'active');--> statement-breakpoint
CREATE UNIQUE INDEX "family_pay_requests_token_uq" ON "family_pay_requests" USING btree ("token");--> statement-breakpoint
CREATE INDEX "family_pay_requests_checkout_idx" ON "family_pay_requests" USING btree ("checkout_id");--> statement-breakpoint
CREATE INDEX "family_pay_requests_binding_idx" ON "family_pay_requests" USING btree ("binding_id","status");--> statement-breakpoint
CREATE INDEX "family_pay_requests_requester_idx" ON "family_pay_requests" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE INDEX "family_pay_requests_payer_idx" ON "family_pay_requests" USING btree ("payer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "family_pay_requests_open_uq" ON "family_pay_requests" USING btree ("checkout_id") WHERE "family_pay_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "flash_items_sale_idx" ON "flash_items" USING btree ("sale_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flash_purchases_request_uq" ON "flash_purchases" USING btree ("item_id","user_id","request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "flash_purchases_order_uq" ON "flash_purchases" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "flash_purchases_sale_time_idx" ON "flash_purchases" USING btree ("sale_id","created_at");--> statement-breakpoint
CREATE INDEX "flash_purchases_user_idx" ON "flash_purchases" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "flash_sales_time_idx" ON "flash_sales" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "flash_sales_merchant_idx" ON "flash_sales" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "groupbuy_campaigns_product_idx" ON "groupbuy_campaigns" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "groupbuy_campaigns_merchant_idx" ON "groupbuy_campaigns" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "groupbuy_groups_campaign_idx" ON "groupbuy_groups" USING btree ("campaign_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "groupbuy_members_order_uq" ON "groupbuy_members" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "groupbuy_members_one_seat_uq" ON "groupbuy_members" USING btree ("group_id","user_id") WHERE "groupbuy_members"."status" <> 'released';--> statement-breakpoint
CREATE INDEX "groupbuy_members_group_idx" ON "groupbuy_members" USING btree ("group_id","id");--> statement-breakpoint
CREATE INDEX "groupbuy_members_user_idx" ON "groupbuy_members" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "groupbuy_members_campaign_user_idx" ON "groupbuy_members" USING btree ("campaign_id","user_id");--> statement-breakpoint
CREATE INDEX "invitations_inviter_idx" ON "invitations" USING btree ("inviter_id","bound_at");--> statement-breakpoint
CREATE INDEX "invitee_orders_invitee_idx" ON "invitee_orders" USING btree ("invitee_id");--> statement-breakpoint
CREATE INDEX "invitee_orders_inviter_idx" ON "invitee_orders" USING btree ("inviter_id");--> statement-breakpoint
CREATE INDEX "lifecycle_actions_rule_idx" ON "lifecycle_actions" USING btree ("rule_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "lifecycle_actions_user_idx" ON "lifecycle_actions" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "lifecycle_actions_due_idx" ON "lifecycle_actions" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "lifecycle_customers_segment_idx" ON "lifecycle_customers" USING btree ("scope","segment");--> statement-breakpoint
CREATE INDEX "lifecycle_purchases_user_idx" ON "lifecycle_purchases" USING btree ("scope","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lifecycle_rules_scope_kind_uq" ON "lifecycle_rules" USING btree ("scope","kind");--> statement-breakpoint
CREATE INDEX "lifecycle_transitions_scope_idx" ON "lifecycle_transitions" USING btree ("scope","at");--> statement-breakpoint
CREATE INDEX "live_chat_session_idx" ON "live_chat_messages" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "live_flash_session_idx" ON "live_flash_sales" USING btree ("session_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_flash_item_uq" ON "live_flash_sales" USING btree ("flash_item_id");--> statement-breakpoint
CREATE INDEX "live_lotteries_session_idx" ON "live_lotteries" USING btree ("session_id","opens_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_lotteries_one_open_uq" ON "live_lotteries" USING btree ("session_id") WHERE "live_lotteries"."status" = 'open';--> statement-breakpoint
CREATE INDEX "live_orders_session_idx" ON "live_orders" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "live_pins_session_idx" ON "live_pins" USING btree ("session_id","pinned_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_pins_one_current_uq" ON "live_pins" USING btree ("session_id") WHERE "live_pins"."unpinned_at" is null;--> statement-breakpoint
CREATE INDEX "live_pks_a_idx" ON "live_pks" USING btree ("session_a","status");--> statement-breakpoint
CREATE INDEX "live_pks_b_idx" ON "live_pks" USING btree ("session_b","status");--> statement-breakpoint
CREATE INDEX "live_polls_session_idx" ON "live_polls" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_polls_one_open_uq" ON "live_polls" USING btree ("session_id") WHERE "live_polls"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "live_roles_user_idx" ON "live_roles" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "live_sessions_status_idx" ON "live_sessions" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE INDEX "live_sessions_merchant_idx" ON "live_sessions" USING btree ("merchant_id","scheduled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_sessions_stream_key_uq" ON "live_sessions" USING btree ("stream_key");--> statement-breakpoint
CREATE INDEX "live_visits_session_idx" ON "live_visits" USING btree ("session_id","joined_at");--> statement-breakpoint
CREATE INDEX "local_offers_store_idx" ON "local_offers" USING btree ("store_id","status");--> statement-breakpoint
CREATE INDEX "local_offers_merchant_idx" ON "local_offers" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "local_stores_lat_lng_idx" ON "local_stores" USING btree ("lat","lng");--> statement-breakpoint
CREATE INDEX "local_stores_merchant_idx" ON "local_stores" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "local_vouchers_code_uq" ON "local_vouchers" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "local_vouchers_order_uq" ON "local_vouchers" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "local_vouchers_user_idx" ON "local_vouchers" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "local_vouchers_merchant_used_idx" ON "local_vouchers" USING btree ("merchant_id","used_at");--> statement-breakpoint
CREATE INDEX "shipping_templates_merchant_idx" ON "shipping_templates" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_templates_active_uq" ON "shipping_templates" USING btree ("merchant_id") WHERE "shipping_templates"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_scan_uq" ON "tracking_events" USING btree ("subscription_id","at","text");--> statement-breakpoint
CREATE INDEX "tracking_events_order_idx" ON "tracking_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_subscriptions_order_uq" ON "tracking_subscriptions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "tracking_subscriptions_waybill_idx" ON "tracking_subscriptions" USING btree ("carrier_code","tracking_no");--> statement-breakpoint
CREATE UNIQUE INDEX "member_growth_ref_uq" ON "member_growth" USING btree ("kind","ref_id");--> statement-breakpoint
CREATE INDEX "member_growth_user_idx" ON "member_growth" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "member_growth_order_idx" ON "member_growth" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "members_tier_idx" ON "members" USING btree ("tier");--> statement-breakpoint
CREATE INDEX "members_birthday_idx" ON "members" USING btree ("birthday");--> statement-breakpoint
CREATE UNIQUE INDEX "content_reports_reporter_uq" ON "content_reports" USING btree ("subject_type","subject_id","reporter_id");--> statement-breakpoint
CREATE INDEX "content_reports_queue_idx" ON "content_reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "moderation_decisions_subject_idx" ON "moderation_decisions" USING btree ("subject_type","subject_id","created_at");--> statement-breakpoint
CREATE INDEX "moderation_item_events_item_idx" ON "moderation_item_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_items_subject_uq" ON "moderation_items" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "moderation_items_queue_idx" ON "moderation_items" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "api_key_nonces_expiry_idx" ON "api_key_nonces" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "api_keys_merchant_idx" ON "api_keys" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "api_keys_kind_idx" ON "api_keys" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" USING btree ("delivery_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_source_uq" ON "webhook_deliveries" USING btree ("endpoint_id","source_event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_merchant_idx" ON "webhook_endpoints" USING btree ("merchant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cart_lines_user_sku_uq" ON "cart_lines" USING btree ("user_id","sku_id");--> statement-breakpoint
CREATE INDEX "checkouts_user_idx" ON "checkouts" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "order_lines_order_idx" ON "order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_refunds_order_idx" ON "order_refunds" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_order_no_uq" ON "orders" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "orders_user_idx" ON "orders" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "orders_merchant_idx" ON "orders" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "orders_checkout_idx" ON "orders" USING btree ("checkout_id");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "orders_unpaid_deadline_idx" ON "orders" USING btree ("pay_deadline") WHERE "orders"."status" = 'pending_payment';--> statement-breakpoint
CREATE UNIQUE INDEX "compensation_transfers_ref_uq" ON "compensation_transfers" USING btree ("ref_id");--> statement-breakpoint
CREATE INDEX "compensation_transfers_user_idx" ON "compensation_transfers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "compensation_transfers_open_idx" ON "compensation_transfers" USING btree ("requested_at") WHERE "compensation_transfers"."status" <> 'completed';--> statement-breakpoint
CREATE INDEX "payment_orders_order_idx" ON "payment_orders" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payments_checkout_idx" ON "payments" USING btree ("checkout_id");--> statement-breakpoint
CREATE INDEX "payments_user_idx" ON "payments" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_open_uq" ON "payments" USING btree ("checkout_id") WHERE "payments"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_success_uq" ON "payments" USING btree ("checkout_id") WHERE "payments"."status" = 'succeeded';--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_ref_uq" ON "refunds" USING btree ("ref_id");--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_payment_idx" ON "refunds" USING btree ("payment_id","order_id");--> statement-breakpoint
CREATE INDEX "charity_donations_project_idx" ON "charity_donations" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "charity_donations_user_idx" ON "charity_donations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "points_gifts_from_idx" ON "points_gifts" USING btree ("from_user_id","created_at");--> statement-breakpoint
CREATE INDEX "points_gifts_to_idx" ON "points_gifts" USING btree ("to_user_id","created_at");--> statement-breakpoint
CREATE INDEX "points_lots_user_idx" ON "points_lots" USING btree ("user_id","expires_at") WHERE "points_lots"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "points_lots_expiry_idx" ON "points_lots" USING btree ("expires_at") WHERE "points_lots"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "points_redemptions_user_idx" ON "points_redemptions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "points_redemptions_status_idx" ON "points_redemptions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "brand_partnerships_creator_idx" ON "brand_partnerships" USING btree ("creator_id");--> statement-breakpoint
CREATE INDEX "brand_partnerships_merchant_idx" ON "brand_partnerships" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_rewards_line_uq" ON "content_rewards" USING btree ("kind","order_line_id");--> statement-breakpoint
CREATE INDEX "follows_target_idx" ON "follows" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "post_comments_post_idx" ON "post_comments" USING btree ("post_id","parent_id","created_at");--> statement-breakpoint
CREATE INDEX "post_favourites_user_idx" ON "post_favourites" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "post_likes_user_idx" ON "post_likes" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "post_topics_recent_idx" ON "post_topics" USING btree ("topic","created_at");--> statement-breakpoint
CREATE INDEX "posts_author_idx" ON "posts" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "posts_status_created_idx" ON "posts" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_order_line_uq" ON "posts" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "posts_partnership_idx" ON "posts" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "account_cancellations_user_idx" ON "account_cancellations" USING btree ("user_id","requested_at");--> statement-breakpoint
CREATE INDEX "privacy_consent_records_user_idx" ON "privacy_consent_records" USING btree ("user_id","recorded_at");--> statement-breakpoint
CREATE INDEX "privacy_exports_user_idx" ON "privacy_exports" USING btree ("user_id","requested_at");--> statement-breakpoint
CREATE INDEX "review_appeals_status_idx" ON "review_appeals" USING btree ("status","appealed_at");--> statement-breakpoint
CREATE INDEX "review_appeals_user_idx" ON "review_appeals" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "review_fingerprints_merchant_idx" ON "review_fingerprints" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "review_flags_status_idx" ON "review_flags" USING btree ("status","flagged_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_line_kind_uq" ON "reviews" USING btree ("order_line_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_product_seq_uq" ON "reviews" USING btree ("product_id","seq");--> statement-breakpoint
CREATE INDEX "reviews_product_list_idx" ON "reviews" USING btree ("product_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "reviews_merchant_idx" ON "reviews" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "reviews_user_idx" ON "reviews" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "reviews_parent_idx" ON "reviews" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "service_canned_replies_desk_idx" ON "service_canned_replies" USING btree ("desk","created_at");--> statement-breakpoint
CREATE INDEX "service_conversations_user_idx" ON "service_conversations" USING btree ("user_id","last_message_at");--> statement-breakpoint
CREATE INDEX "service_conversations_queue_idx" ON "service_conversations" USING btree ("merchant_id","status","handed_over_at");--> statement-breakpoint
CREATE INDEX "service_conversations_agent_idx" ON "service_conversations" USING btree ("agent_id","status");--> statement-breakpoint
CREATE INDEX "service_conversations_sla_idx" ON "service_conversations" USING btree ("first_response_due_at") WHERE "service_conversations"."first_response_at" is null and "service_conversations"."sla_breached_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "service_conversations_one_open_uq" ON "service_conversations" USING btree ("user_id",coalesce("merchant_id", '')) WHERE "service_conversations"."status" <> 'closed';--> statement-breakpoint
CREATE UNIQUE INDEX "service_messages_seq_uq" ON "service_messages" USING btree ("conversation_id","seq");--> statement-breakpoint
CREATE INDEX "service_notes_conversation_idx" ON "service_notes" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "staff_access_log_subject_idx" ON "staff_access_log" USING btree ("subject_user_id","at");--> statement-breakpoint
CREATE INDEX "staff_access_log_staff_idx" ON "staff_access_log" USING btree ("staff_user_id","at");--> statement-breakpoint
CREATE INDEX "staff_access_log_at_idx" ON "staff_access_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "staff_recovery_codes_user_idx" ON "staff_recovery_codes" USING btree ("staff_user_id");--> statement-breakpoint
CREATE INDEX "staff_role_changes_at_idx" ON "staff_role_changes" USING btree ("at");--> statement-breakpoint
CREATE INDEX "staff_role_changes_merchant_idx" ON "staff_role_changes" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "supply_allocations_order_idx" ON "supply_allocations" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_concentration_alerts_open_uq" ON "supply_concentration_alerts" USING btree ("merchant_id","category_id") WHERE "supply_concentration_alerts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "supply_daily_sales_merchant_idx" ON "supply_daily_sales" USING btree ("merchant_id","day");--> statement-breakpoint
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
CREATE UNIQUE INDEX "supply_trace_codes_lot_uq" ON "supply_trace_codes" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "supply_trace_events_code_idx" ON "supply_trace_events" USING btree ("code","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_warehouses_name_uq" ON "supply_warehouses" USING btree ("merchant_id","name");--> statement-breakpoint
CREATE INDEX "transparency_entries_subject_idx" ON "transparency_entries" USING btree ("kind","subject_id");--> statement-breakpoint
CREATE INDEX "deposit_movements_merchant_idx" ON "deposit_movements" USING btree ("merchant_id","at");--> statement-breakpoint
CREATE INDEX "merchant_application_events_app_idx" ON "merchant_application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "merchant_applications_applicant_idx" ON "merchant_applications" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "merchant_applications_queue_idx" ON "merchant_applications" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "merchant_applications_one_open_uq" ON "merchant_applications" USING btree ("applicant_id") WHERE "merchant_applications"."status" in ('submitted', 'needs-info');--> statement-breakpoint
CREATE INDEX "merchant_penalties_merchant_idx" ON "merchant_penalties" USING btree ("merchant_id","at");--> statement-breakpoint
CREATE INDEX "trust_case_events_case_idx" ON "trust_case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "trust_claims_user_idx" ON "trust_compensation_claims" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "trust_claims_queue_idx" ON "trust_compensation_claims" USING btree ("status","pay_by");--> statement-breakpoint
CREATE INDEX "trust_claims_merchant_idx" ON "trust_compensation_claims" USING btree ("merchant_id","paid_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trust_claims_one_open_uq" ON "trust_compensation_claims" USING btree ("order_id") WHERE "trust_compensation_claims"."status" in ('pending', 'paying');--> statement-breakpoint
CREATE INDEX "trust_complaints_user_idx" ON "trust_complaints" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "trust_complaints_queue_idx" ON "trust_complaints" USING btree ("status","respond_by");--> statement-breakpoint
CREATE INDEX "trust_complaints_merchant_idx" ON "trust_complaints" USING btree ("merchant_id","resolved_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trust_complaints_one_open_uq" ON "trust_complaints" USING btree ("user_id","subject_type","subject_id") WHERE "trust_complaints"."status" <> 'resolved';--> statement-breakpoint
CREATE UNIQUE INDEX "trust_credit_facts_ref_uq" ON "trust_credit_facts" USING btree ("kind","ref_id");--> statement-breakpoint
CREATE INDEX "trust_credit_facts_merchant_idx" ON "trust_credit_facts" USING btree ("merchant_id","kind","at");--> statement-breakpoint
CREATE INDEX "trust_findings_merchant_idx" ON "trust_patrol_findings" USING btree ("merchant_id","status");--> statement-breakpoint
CREATE INDEX "trust_findings_status_idx" ON "trust_patrol_findings" USING btree ("status","last_seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trust_findings_open_uq" ON "trust_patrol_findings" USING btree ("dedupe_key") WHERE "trust_patrol_findings"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "merchant_qualifications_kind_uq" ON "merchant_qualifications" USING btree ("merchant_id","kind");--> statement-breakpoint
CREATE INDEX "merchant_qualifications_valid_idx" ON "merchant_qualifications" USING btree ("valid_until");--> statement-breakpoint
CREATE INDEX "qualification_delistings_open_idx" ON "qualification_delistings" USING btree ("qualification_id","closed_at");--> statement-breakpoint
CREATE INDEX "qualification_renewals_queue_idx" ON "qualification_renewals" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "qualification_renewals_qualification_idx" ON "qualification_renewals" USING btree ("qualification_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "qualification_renewals_one_pending_uq" ON "qualification_renewals" USING btree ("qualification_id") WHERE "qualification_renewals"."status" = 'pending';