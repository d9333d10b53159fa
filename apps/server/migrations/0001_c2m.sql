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
ALTER TABLE "supply_po_lines" ADD COLUMN "presold_qty" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "c2m_design_options_vote_idx" ON "c2m_design_options" USING btree ("design_vote_id","position");--> statement-breakpoint
CREATE INDEX "c2m_design_votes_merchant_idx" ON "c2m_design_votes" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "c2m_pledges_presale_idx" ON "c2m_pledges" USING btree ("presale_id","status");--> statement-breakpoint
CREATE INDEX "c2m_pledges_user_idx" ON "c2m_pledges" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "c2m_presales_merchant_idx" ON "c2m_presales" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "c2m_presales_product_idx" ON "c2m_presales" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "c2m_proposal_votes_user_idx" ON "c2m_proposal_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "c2m_proposals_category_idx" ON "c2m_proposals" USING btree ("category_id","vote_count");