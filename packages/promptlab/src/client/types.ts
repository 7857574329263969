/*
 * The shapes the SDK reads and sends. They follow the API's OpenAPI document (openapi.json beside the package;
 * src/generated/api.ts is generated from it); the few the SDK builds on are named here so they read well in editors.
 */

export type VariableType = 'string' | 'number' | 'boolean' | 'json';
export type VariableDef = { name: string; type?: VariableType; required?: boolean; default?: unknown; description?: string };
export type ChatRole = 'system' | 'user' | 'assistant';
export type TemplateMessage = { role: ChatRole; content: string };
export type ModelConfig = { provider: string; model: string; params?: Record<string, unknown> } & Record<string, unknown>;

/** GET /api/v1/prompts/by-slug/{slug}: the version a label (or number) resolves to. */
export type ResolvedPrompt = {
  id: string;
  slug: string;
  title: string;
  versionNumber: number;
  label: string | null;
  systemPrompt: string;
  userPrompt: string;
  messages: TemplateMessage[] | null;
  variables: VariableDef[];
  model: ModelConfig;
  etag: string;
};

/** POST /api/v1/prompts/by-slug/{slug}/render, and what `prompt.compile()` answers locally. */
export type RenderedPrompt = {
  versionNumber: number;
  label: string | null;
  openai: { messages: TemplateMessage[] };
  anthropic: { system: string; messages: { role: 'user' | 'assistant'; content: string }[] };
  model: ModelConfig;
};

export type LabelTarget = { versionNumber: number; weight: number };
export type Actor = { id: string; name: string | null } | null;
export type LabelView = { name: string; targets: LabelTarget[]; protected: boolean; updatedAt?: string; updatedBy?: Actor; virtual?: boolean };
export type DeploymentView = {
  id: string;
  label: string;
  action: string;
  from: LabelTarget[] | null;
  to: LabelTarget[] | null;
  note: string | null;
  actor: Actor;
  via: 'session' | 'api_key';
  rollbackOf: string | null;
  createdAt: string;
};
export type Page<T> = { items: T[]; nextCursor: string | null };

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled' | (string & {});
/** A run as GET /api/v1/runs/{id} answers it (the fields the SDK relies on; the rest pass through). A run still going after `wait` has only `id` and `status`. */
export type RunView = { id: string; status: RunStatus; versionNumber?: number | null; label?: string | null; output?: string | null; error?: unknown } & Record<string, unknown>;
export type RunAccepted = { id: string; status: RunStatus };

export type ExperimentStatus = 'queued' | 'running' | 'completed' | 'canceled' | (string & {});
export type ExperimentProgress = { total: number; succeeded: number; errored: number; canceled: number; pending: number };
export type ExperimentView = { id: string; name: string; status: ExperimentStatus; progress: ExperimentProgress; totalCells: number } & Record<string, unknown>;
export type ExperimentCreated = { id: string; status: ExperimentStatus; totalCells: number; reusedCells: number };

export type DatasetItemInput = { input: Record<string, unknown>; expected?: unknown; metadata?: Record<string, unknown> };
export type DatasetView = { id: string; name: string } & Record<string, unknown>;
