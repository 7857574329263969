// JSON shapes of the API as the browser receives them (dates are ISO strings).
import type { VariableDef } from '@/lib/templates/variable-schema';
import type { ModelConfig } from '@/db/schema';
import type { ChatMessage, Usage } from '@/lib/llm/types';

export type Version = {
  id: string;
  promptId: string;
  versionNumber: number;
  systemPrompt: string;
  userPrompt: string;
  variables: VariableDef[];
  model: ModelConfig;
  notes: string;
  restoredFrom: number | null;
  author: { id: string; name: string | null; email: string | null } | null;
  createdAt: string;
};

export type Prompt = {
  id: string;
  title: string;
  slug: string;
  description: string;
  tags: string[];
  versionCount: number;
  currentVersion: Version | null;
  createdAt: string;
  updatedAt: string;
};

export type PromptListItem = Omit<Prompt, 'currentVersion'> & {
  currentVersion: { versionNumber: number; provider: string; model: string; createdAt: string } | null;
};

export type { VariableDef, ModelConfig };

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';

export type RunUsage = Usage;
export type RunMessage = ChatMessage;

export type RunParams = { temperature?: number; maxTokens?: number; topP?: number; stop?: string[] };

export type Run = {
  id: string;
  promptId: string;
  versionNumber: number;
  status: RunStatus;
  provider: string;
  model: string;
  params: RunParams & Record<string, unknown>;
  variables: Record<string, unknown>;
  messages: RunMessage[];
  output: string | null;
  usage: RunUsage | null;
  /** null: the model's price is unknown (never shown as $0). A cache hit costs 0. */
  costUsd: number | null;
  latencyMs: number | null;
  ttftMs: number | null;
  cached: boolean;
  sourceRunId: string | null;
  attempts: number;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type RunPage = { items: Run[]; nextCursor: string | null };

/** Body of POST /api/v1/runs. */
export type CreateRunBody = {
  promptId: string;
  versionNumber?: number;
  variables: Record<string, unknown>;
  provider?: string;
  model?: string;
  params?: RunParams;
  cache?: boolean;
  idempotencyKey?: string;
};

/** Events of GET /api/v1/runs/{id}/stream. */
export type RunStreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'status'; status: RunStatus }
  | { type: 'snapshot'; output: string; status: RunStatus }
  | { type: 'done'; status: RunStatus };

/** A provider the workspace can run on now, from GET /api/v1/providers. */
export type AvailableProvider = { id: string; label: string; kind: string; source: string; models: string[] };
