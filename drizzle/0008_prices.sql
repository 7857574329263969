ALTER TABLE "runs" ADD COLUMN "cost_breakdown" jsonb;--> statement-breakpoint
ALTER TABLE "workspace_prices" ADD COLUMN "cache_write_1h_per_mtok" numeric(14, 6);