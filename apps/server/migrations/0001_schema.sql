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
CREATE INDEX "service_canned_replies_desk_idx" ON "service_canned_replies" USING btree ("desk","created_at");--> statement-breakpoint
CREATE INDEX "service_conversations_user_idx" ON "service_conversations" USING btree ("user_id","last_message_at");--> statement-breakpoint
CREATE INDEX "service_conversations_queue_idx" ON "service_conversations" USING btree ("merchant_id","status","handed_over_at");--> statement-breakpoint
CREATE INDEX "service_conversations_agent_idx" ON "service_conversations" USING btree ("agent_id","status");--> statement-breakpoint
CREATE INDEX "service_conversations_sla_idx" ON "service_conversations" USING btree ("first_response_due_at") WHERE "service_conversations"."first_response_at" is null and "service_conversations"."sla_breached_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "service_conversations_one_open_uq" ON "service_conversations" USING btree ("user_id",coalesce("merchant_id", '')) WHERE "service_conversations"."status" <> 'closed';--> statement-breakpoint
CREATE UNIQUE INDEX "service_messages_seq_uq" ON "service_messages" USING btree ("conversation_id","seq");--> statement-breakpoint
CREATE INDEX "service_notes_conversation_idx" ON "service_notes" USING btree ("conversation_id","created_at");