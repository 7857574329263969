import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ChatMessage, ToolCall } from '@/lib/llm/types';
import type { CostBreakdown } from '@/lib/llm/prices/price-types';
import type { Usage } from '@/lib/llm/usage';
import type { DraftContent, ModelConfig, RunTemplate, TemplateMessage } from '@/lib/prompts/schemas';
import { RUN_STATUSES, type RunStatus } from '@/lib/runs/statuses';
import type { VariableDef } from '@/lib/templates/variable-schema';
import type { EvaluatorResult } from '@/lib/evaluators/types';
import { CELL_STATUSES, EXPERIMENT_STATUSES, type CellStatus, type ExperimentStatus } from '@/lib/experiments/statuses';
import type { ExperimentConfig } from '@/lib/experiments/types';

const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
/**
 * jsonb holding any JSON value, read as the driver parsed it. Drizzle's jsonb JSON.parses a string value once more
 * (for drivers that answer text; ours all parse jsonb), so an expected text "42" or '{"k":1}' read back as 42 or
 * an object. Same SQL type: no migration.
 */
const jsonValue = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});

// ---- Auth.js tables (shape required by @auth/drizzle-adapter) ----

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name'),
  email: text('email').unique(),
  emailVerified: timestamp('email_verified', { mode: 'date', withTimezone: true, precision: 3 }),
  image: text('image'),
  // Only set for local email/password accounts; OAuth users have none.
  passwordHash: text('password_hash'),
  // The first account on an instance becomes its owner; the partial unique index allows one.
  instanceRole: text('instance_role', { enum: ['owner', 'member'] }).notNull().default('member'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('users_single_instance_owner').on(t.instanceRole).where(sql`${t.instanceRole} = 'owner'`)]);

export const accounts = pgTable(
  'accounts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index('accounts_user_idx').on(t.userId)],
);

export const sessions = pgTable('sessions', {
  sessionToken: text('session_token').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expires: timestamp('expires', { mode: 'date', withTimezone: true, precision: 3 }).notNull(),
});

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { mode: 'date', withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---- Workspaces and membership ----

export const memberRole = pgEnum('member_role', ['owner', 'admin', 'editor', 'viewer']);
export type MemberRole = (typeof memberRole.enumValues)[number];

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  personal: boolean('personal').notNull().default(false),
  // Optional policy: runs stop with BUDGET_EXCEEDED once the month's spend reaches this.
  monthlyBudgetUsd: numeric('monthly_budget_usd', { precision: 14, scale: 4, mode: 'number' }),
  // Optional policy: when set, only these `provider/model` ids may run.
  modelAllowlist: text('model_allowlist').array(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull().default('editor'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('workspace_members_user_idx').on(t.userId)],
);

// ---- Prompts and their immutable versions ----

export type { ModelConfig };

export const prompts = pgTable(
  'prompts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    currentVersionId: uuid('current_version_id').references((): AnyPgColumn => promptVersions.id),
    // Bumped atomically when a version is created: the row lock serialises concurrent saves.
    latestVersionNumber: integer('latest_version_number').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('prompts_workspace_slug_key').on(t.workspaceId, t.slug).where(sql`${t.deletedAt} is null`),
    index('prompts_workspace_updated_idx').on(t.workspaceId, t.updatedAt),
    index('prompts_tags_idx').using('gin', t.tags),
  ],
);

// Rows here are never updated or deleted: a database trigger (drizzle/0001) refuses both.
export const promptVersions = pgTable(
  'prompt_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    versionNumber: integer('version_number').notNull(),
    systemPrompt: text('system_prompt').notNull().default(''),
    userPrompt: text('user_prompt').notNull(),
    // Set for a chat template (a list of turns); null for the simple system + user case, derived from the two above.
    messages: jsonb('messages').$type<TemplateMessage[]>(),
    variables: jsonb('variables').$type<VariableDef[]>().notNull().default([]),
    model: jsonb('model').$type<ModelConfig>().notNull(),
    notes: text('notes').notNull().default(''),
    restoredFrom: integer('restored_from'),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('prompt_versions_prompt_number_key').on(t.promptId, t.versionNumber)],
);

// ---- API keys ----

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // First characters of the key, shown so people can tell keys apart.
    prefix: text('prefix').notNull(),
    hashedKey: text('hashed_key').notNull().unique(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId)],
);

// ---- Runs ----

export const runStatus = pgEnum('run_status', RUN_STATUSES);
export type { RunStatus };

export type RunUsage = Usage;

export const runs = pgTable(
  'runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id),
    // Null for a draft run until it is saved as a version ("Save as version" links it).
    promptVersionId: uuid('prompt_version_id').references(() => promptVersions.id),
    versionNumber: integer('version_number'),
    // A run of unsaved editor content: `template` records exactly what it rendered.
    draft: boolean('draft').notNull().default(false),
    template: jsonb('template').$type<RunTemplate>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    status: runStatus('status').notNull().default('queued'),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    variables: jsonb('variables').$type<Record<string, unknown>>().notNull().default({}),
    messages: jsonb('messages').$type<ChatMessage[]>().notNull(),
    output: text('output'),
    // The reply was cut at RUN_MAX_OUTPUT_CHARS: `output` holds its start.
    outputTruncated: boolean('output_truncated').notNull().default(false),
    // Function calls the model made (tools in the model settings).
    toolCalls: jsonb('tool_calls').$type<ToolCall[]>(),
    // The output checked against the settings' JSON Schema; null when there was none.
    outputCheck: jsonb('output_check').$type<OutputCheck>(),
    usage: jsonb('usage').$type<RunUsage>(),
    costUsd: numeric('cost_usd', { precision: 14, scale: 8, mode: 'number' }),
    latencyMs: integer('latency_ms'),
    ttftMs: integer('ttft_ms'),
    cached: boolean('cached').notNull().default(false),
    sourceRunId: uuid('source_run_id'),
    // Set for a cell of an experiment: left out of the default run history, and gated by the experiment
    // (budget, cancel, a provider's rate limit pausing the whole experiment).
    experimentId: uuid('experiment_id'),
    // Where the price behind costUsd came from: the built-in table's version or a workspace's own price.
    priceSource: jsonb('price_source').$type<PriceSource>(),
    // Each token class × its price: how costUsd was reached, kept so it still explains the cost after prices change.
    costBreakdown: jsonb('cost_breakdown').$type<CostBreakdown>(),
    // 429s that requeued this run without spending an attempt (an experiment slows down instead); capped.
    rateLimitedCount: integer('rate_limited_count').notNull().default(0),
    // Set when the run was made through a label (POST /runs { slug, label }): which label served versionNumber.
    label: text('label'),
    attempts: integer('attempts').notNull().default(0),
    // A claimed run belongs to one executor until its lease expires; then recovery may take it over.
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true, precision: 3 }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    requestId: text('request_id'),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('runs_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('runs_prompt_created_idx').on(t.promptId, t.createdAt),
    index('runs_status_lease_idx').on(t.status, t.leaseExpiresAt),
    index('runs_experiment_idx').on(t.experimentId).where(sql`${t.experimentId} is not null`),
    // The run history (GET /runs) leaves experiment runs out: without this it walks past every experiment cell's run.
    index('runs_history_idx').on(t.workspaceId, t.createdAt).where(sql`${t.experimentId} is null`),
    uniqueIndex('runs_workspace_idempotency_key').on(t.workspaceId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    // Only a draft run may lack a version, and it records what it rendered instead.
    check('runs_version_or_draft', sql`${t.promptVersionId} is not null or (${t.draft} and ${t.template} is not null)`),
  ],
);

export type OutputCheck = { valid: boolean; errors: string[] };

/** `table`: lib/llm/pricing.ts at that version; `workspace`: a row of workspace_prices; null: no price known. */
export type PriceSource =
  // entry is absent on runs priced before entries carried their source.
  | { kind: 'table'; tableVersion: string; entry?: { model: string; effectiveFrom: string; source: string; checkedOn: string } }
  | { kind: 'workspace'; priceId: string; effectiveFrom: string };

// ---- Editor drafts (one per user and prompt) and saved input sets ----

export const promptDrafts = pgTable(
  'prompt_drafts',
  {
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    content: jsonb('content').$type<DraftContent>().notNull(),
    // The version the draft was started from, to tell the user when it has moved on.
    baseVersionNumber: integer('base_version_number'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.promptId, t.userId] })],
);

export const promptInputSets = pgTable(
  'prompt_input_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('prompt_input_sets_prompt_name_key').on(t.promptId, t.name)],
);

// ---- Workspace provider credentials (keys encrypted with AES-256-GCM; never sent to the browser) ----

export const providerCredentials = pgTable(
  'provider_credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    // openai | anthropic | an openai-compatible preset (groq, ollama, …) | custom
    provider: text('provider').notNull(),
    label: text('label').notNull(),
    baseUrl: text('base_url'),
    encryptedKey: text('encrypted_key'),
    keyLast4: text('key_last4'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('provider_credentials_workspace_label_key').on(t.workspaceId, t.label)],
);

// ---- Workspace prices: a workspace's own per-million-token prices, ahead of the built-in table ----

export const workspacePrices = pgTable(
  'workspace_prices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    // Applies to runs created at or after this instant, until a later entry for the same model.
    effectiveFrom: timestamp('effective_from', { withTimezone: true, precision: 3 }).notNull(),
    inputPerMTok: numeric('input_per_mtok', { precision: 14, scale: 6, mode: 'number' }).notNull(),
    outputPerMTok: numeric('output_per_mtok', { precision: 14, scale: 6, mode: 'number' }).notNull(),
    cachedInputPerMTok: numeric('cached_input_per_mtok', { precision: 14, scale: 6, mode: 'number' }),
    cacheWritePerMTok: numeric('cache_write_per_mtok', { precision: 14, scale: 6, mode: 'number' }),
    // Anthropic's 1-hour cache writes; null means they are billed at cacheWritePerMTok.
    cacheWrite1hPerMTok: numeric('cache_write_1h_per_mtok', { precision: 14, scale: 6, mode: 'number' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workspace_prices_model_from_key').on(t.workspaceId, t.provider, t.model, t.effectiveFrom)],
);

// ---- Datasets: test cases for experiments ----

export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    // Kept in the same transaction as item inserts and deletes, so lists need no count(*).
    itemCount: integer('item_count').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('datasets_workspace_name_key').on(t.workspaceId, t.name), index('datasets_workspace_updated_idx').on(t.workspaceId, t.updatedAt)],
);

export const datasetItems = pgTable(
  'dataset_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    // Order within the dataset (import order; new items go last).
    position: integer('position').notNull(),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    // Text (a JSON string) or any JSON value; null when the item has none.
    expected: jsonValue('expected'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('dataset_items_dataset_position_idx').on(t.datasetId, t.position)],
);

// ---- Experiments: variants × items × repeats, each cell a run, scored by evaluators ----

export const experimentStatus = pgEnum('experiment_status', EXPERIMENT_STATUSES);
export type { ExperimentStatus };

export const experiments = pgTable(
  'experiments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    // The items it ran are snapshotted in experiment_items: deleting the dataset keeps the experiment readable.
    datasetId: uuid('dataset_id').references(() => datasets.id, { onDelete: 'set null' }),
    datasetName: text('dataset_name').notNull(),
    name: text('name').notNull(),
    status: experimentStatus('status').notNull().default('queued'),
    // The creation input with every variant resolved (version, provider, model, params); webhook secrets encrypted.
    config: jsonb('config').$type<ExperimentConfig>().notNull(),
    // Every prompt a variant runs, for the per-prompt list.
    promptIds: uuid('prompt_ids').array().notNull(),
    totalCells: integer('total_cells').notNull(),
    // Counters moved in the same transaction as the cell that finishes, so progress is one row read.
    succeededCells: integer('succeeded_cells').notNull().default(0),
    erroredCells: integer('errored_cells').notNull().default(0),
    canceledCells: integer('canceled_cells').notNull().default(0),
    reusedCells: integer('reused_cells').notNull().default(0),
    // What the reused cells cost when they first ran.
    savedUsd: numeric('saved_usd', { precision: 14, scale: 8, mode: 'number' }).notNull().default(0),
    // Model calls and judges together; the budget compares against this.
    costUsd: numeric('cost_usd', { precision: 14, scale: 8, mode: 'number' }).notNull().default(0),
    // Why it ended early: `canceled` (a user) or `budget`.
    stopReason: text('stop_reason', { enum: ['canceled', 'budget'] }),
    // A provider answered 429: no cell of this experiment calls a model before this.
    pausedUntil: timestamp('paused_until', { withTimezone: true, precision: 3 }),
    sourceExperimentId: uuid('source_experiment_id').references((): AnyPgColumn => experiments.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('experiments_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('experiments_dataset_idx').on(t.datasetId),
    index('experiments_prompt_ids_idx').using('gin', t.promptIds),
    index('experiments_status_idx').on(t.status),
  ],
);

// The exact content of each item an experiment used (editing the dataset later changes nothing here).
export const experimentItems = pgTable(
  'experiment_items',
  {
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull(),
    position: integer('position').notNull(),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    expected: jsonValue('expected'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.itemId] })],
);

export const cellStatus = pgEnum('cell_status', CELL_STATUSES);
export type { CellStatus };

export const experimentCells = pgTable(
  'experiment_cells',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull(),
    variant: integer('variant').notNull(),
    repeat: integer('repeat').notNull(),
    // Null until the engine creates the cell's run; a reused cell points at the run it reused.
    runId: uuid('run_id').references(() => runs.id, { onDelete: 'set null' }),
    // sha256 of the version's content, provider, model, params, the item's input and the repeat (lib/experiments/cell-hash.ts).
    contentHash: text('content_hash').notNull(),
    // pending until the run is final AND the evaluators have scored it.
    status: cellStatus('status').notNull().default('pending'),
    reused: boolean('reused').notNull().default(false),
    results: jsonb('results').$type<EvaluatorResult[]>(),
    // pass/fail/error of the whole cell; null while pending, when canceled, or with no evaluators.
    result: text('result', { enum: ['pass', 'fail', 'error'] }),
    score: numeric('score', { precision: 8, scale: 6, mode: 'number' }),
    // The model call's cost (0 when reused or cached) and the judges' spend on this cell.
    costUsd: numeric('cost_usd', { precision: 14, scale: 8, mode: 'number' }),
    judgeCostUsd: numeric('judge_cost_usd', { precision: 14, scale: 8, mode: 'number' }).notNull().default(0),
    latencyMs: integer('latency_ms'),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('experiment_cells_position_key').on(t.experimentId, t.itemId, t.variant, t.repeat),
    index('experiment_cells_experiment_variant_idx').on(t.experimentId, t.variant, t.status),
    index('experiment_cells_run_idx').on(t.runId),
  ],
);

// ---- Delivery: labels point a prompt at versions; every move is a deployment ----

/** One version a label serves and its share of traffic (weights sum to 100; one target means all of it). */
export type LabelTarget = { versionNumber: number; weight: number };

export const promptLabels = pgTable(
  'prompt_labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    // `production`, `staging` or any name; `latest` is never stored (it always means the newest version).
    name: text('name').notNull(),
    // 1 to 5 targets, weights summing to 100.
    targets: jsonb('targets').$type<LabelTarget[]>().notNull(),
    // Only admins (and owners) move or delete a protected label.
    protected: boolean('protected').notNull().default(false),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('prompt_labels_prompt_name_key').on(t.promptId, t.name), index('prompt_labels_workspace_idx').on(t.workspaceId)],
);

// Append-only history of label moves (a rollback is a move back to a deployment's `from`).
export const promptDeployments = pgTable(
  'prompt_deployments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    // move | rollback | delete | protect | unprotect
    action: text('action', { enum: ['move', 'rollback', 'delete', 'protect', 'unprotect'] }).notNull(),
    // Null when the label did not exist before (from) or was deleted (to).
    fromTargets: jsonb('from_targets').$type<LabelTarget[]>(),
    toTargets: jsonb('to_targets').$type<LabelTarget[]>(),
    note: text('note').notNull().default(''),
    // For a rollback: the deployment it undid.
    rollbackOf: uuid('rollback_of').references((): AnyPgColumn => promptDeployments.id, { onDelete: 'set null' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('prompt_deployments_prompt_created_idx').on(t.promptId, t.createdAt)],
);

// ---- Webhooks: signed events to the workspace's own URLs, delivered through the queue ----

export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    // version.created | label.moved | experiment.completed
    events: text('events').array().notNull(),
    // The HMAC-SHA256 signing secret, AES-GCM encrypted (lib/crypto/secret-box); shown once at creation.
    encryptedSecret: text('encrypted_secret').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhooks_workspace_idx').on(t.workspaceId)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    // The event's own id: the same for every attempt, so receivers can drop duplicates.
    eventId: uuid('event_id').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    // The start of the receiver's answer, capped, for the delivery log.
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdAt: createdAt(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, precision: 3 }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('webhook_deliveries_webhook_created_idx').on(t.webhookId, t.createdAt)],
);

export type Run = typeof runs.$inferSelect;
export type ProviderCredential = typeof providerCredentials.$inferSelect;
export type User = typeof users.$inferSelect;
export type Workspace = typeof workspaces.$inferSelect;
export type WorkspaceMember = typeof workspaceMembers.$inferSelect;
export type Prompt = typeof prompts.$inferSelect;
export type PromptVersion = typeof promptVersions.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type PromptDraft = typeof promptDrafts.$inferSelect;
export type PromptInputSet = typeof promptInputSets.$inferSelect;
export type WorkspacePrice = typeof workspacePrices.$inferSelect;
export type Dataset = typeof datasets.$inferSelect;
export type DatasetItem = typeof datasetItems.$inferSelect;
export type Experiment = typeof experiments.$inferSelect;
export type ExperimentItem = typeof experimentItems.$inferSelect;
export type ExperimentCell = typeof experimentCells.$inferSelect;
export type PromptLabel = typeof promptLabels.$inferSelect;
export type PromptDeployment = typeof promptDeployments.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
