CREATE TABLE "compensation_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"ref_id" text NOT NULL,
	"user_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"memo" text NOT NULL,
	"debit_account" text NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"provider_transfer_ref" text,
	"requested_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "compensation_transfers_amount_positive" CHECK ("compensation_transfers"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "compensation_transfers_ref_uq" ON "compensation_transfers" USING btree ("ref_id");--> statement-breakpoint
CREATE INDEX "compensation_transfers_user_idx" ON "compensation_transfers" USING btree ("user_id");