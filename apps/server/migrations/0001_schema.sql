DROP INDEX "analytics_inbox_received_idx";--> statement-breakpoint
CREATE INDEX "analytics_inbox_received_idx" ON "analytics_inbox" USING brin ("received_at");