CREATE TYPE "public"."cell_status" AS ENUM('pending', 'succeeded', 'errored', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."experiment_status" AS ENUM('queued', 'running', 'completed', 'canceled');--> statement-breakpoint
CREATE TABLE "dataset_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dataset_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"input" jsonb NOT NULL,
	"expected" jsonb,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experiment_cells" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"experiment_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"variant" integer NOT NULL,
	"repeat" integer NOT NULL,
	"run_id" uuid,
	"content_hash" text NOT NULL,
	"status" "cell_status" DEFAULT 'pending' NOT NULL,
	"reused" boolean DEFAULT false NOT NULL,
	"results" jsonb,
	"result" text,
	"score" numeric(8, 6),
	"cost_usd" numeric(14, 8),
	"judge_cost_usd" numeric(14, 8) DEFAULT 0 NOT NULL,
	"latency_ms" integer,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "experiment_items" (
	"experiment_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"input" jsonb NOT NULL,
	"expected" jsonb,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "experiment_items_experiment_id_item_id_pk" PRIMARY KEY("experiment_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"dataset_id" uuid,
	"dataset_name" text NOT NULL,
	"name" text NOT NULL,
	"status" "experiment_status" DEFAULT 'queued' NOT NULL,
	"config" jsonb NOT NULL,
	"prompt_ids" uuid[] NOT NULL,
	"total_cells" integer NOT NULL,
	"succeeded_cells" integer DEFAULT 0 NOT NULL,
	"errored_cells" integer DEFAULT 0 NOT NULL,
	"canceled_cells" integer DEFAULT 0 NOT NULL,
	"reused_cells" integer DEFAULT 0 NOT NULL,
	"saved_usd" numeric(14, 8) DEFAULT 0 NOT NULL,
	"cost_usd" numeric(14, 8) DEFAULT 0 NOT NULL,
	"stop_reason" text,
	"paused_until" timestamp (3) with time zone,
	"source_experiment_id" uuid,
	"created_by" uuid,
	"api_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "workspace_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"effective_from" timestamp (3) with time zone NOT NULL,
	"input_per_mtok" numeric(14, 6) NOT NULL,
	"output_per_mtok" numeric(14, 6) NOT NULL,
	"cached_input_per_mtok" numeric(14, 6),
	"cache_write_per_mtok" numeric(14, 6),
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "experiment_id" uuid;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "price_source" jsonb;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "rate_limited_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_items" ADD CONSTRAINT "dataset_items_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_items" ADD CONSTRAINT "dataset_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_cells" ADD CONSTRAINT "experiment_cells_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_cells" ADD CONSTRAINT "experiment_cells_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_cells" ADD CONSTRAINT "experiment_cells_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_items" ADD CONSTRAINT "experiment_items_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_source_experiment_id_experiments_id_fk" FOREIGN KEY ("source_experiment_id") REFERENCES "public"."experiments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_prices" ADD CONSTRAINT "workspace_prices_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_prices" ADD CONSTRAINT "workspace_prices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dataset_items_dataset_position_idx" ON "dataset_items" USING btree ("dataset_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_workspace_name_key" ON "datasets" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "datasets_workspace_updated_idx" ON "datasets" USING btree ("workspace_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "experiment_cells_position_key" ON "experiment_cells" USING btree ("experiment_id","item_id","variant","repeat");--> statement-breakpoint
CREATE INDEX "experiment_cells_experiment_variant_idx" ON "experiment_cells" USING btree ("experiment_id","variant","status");--> statement-breakpoint
CREATE INDEX "experiment_cells_run_idx" ON "experiment_cells" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "experiments_workspace_created_idx" ON "experiments" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "experiments_dataset_idx" ON "experiments" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "experiments_prompt_ids_idx" ON "experiments" USING gin ("prompt_ids");--> statement-breakpoint
CREATE INDEX "experiments_status_idx" ON "experiments" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_prices_model_from_key" ON "workspace_prices" USING btree ("workspace_id","provider","model","effective_from");--> statement-breakpoint
CREATE INDEX "runs_experiment_idx" ON "runs" USING btree ("experiment_id") WHERE "runs"."experiment_id" is not null;