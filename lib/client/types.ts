// JSON shapes of the API as the browser receives them, derived from the server's own views and schemas.
// Type-only imports: no server code reaches the browser bundle.
import type { z } from 'zod';
import type { ProviderCredentialSummary } from '@/db/queries/provider-credentials';
import type { MemberRole, Workspace } from '@/db/schema';
import type { ApiKeyListItem } from '@/lib/auth/api-key-access';
import type { GenerationParams } from '@/lib/llm/types';
import type { DraftView, saveDraftSchema } from '@/lib/prompts/drafts';
import type { saveInputSetSchema } from '@/lib/prompts/input-set-schema';
import type { InputSetView } from '@/lib/prompts/input-sets';
import type { newPromptSchema, newVersionSchema, updatePromptSchema } from '@/lib/prompts/schemas';
import type { PromptListItem as PromptListItemView, PromptView, VersionSummaryView, VersionView } from '@/lib/prompts/views';
import type { CatalogEntry } from '@/lib/providers/catalog';
import type { newProviderCredentialSchema } from '@/lib/providers/credentials';
import type { AvailableProvider as AvailableProviderView } from '@/lib/providers/resolve';
import type { RunView, RunWithTitleView } from '@/lib/runs/run-view';
import type { createRunSchema } from '@/lib/runs/schemas';

/** What JSON.stringify makes of a value: dates become ISO strings, recursively. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? Jsonify<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonify<T[K]> }
        : T;

/** A cursor-paginated list. */
export type Page<T> = { items: T[]; nextCursor: string | null };

export type Prompt = Jsonify<PromptView>;
export type PromptListItem = Jsonify<PromptListItemView>;
export type Version = Jsonify<VersionView>;
/** A row of the version history (GET /versions): no templates or variables. */
export type VersionSummary = Jsonify<VersionSummaryView>;
export type ModelConfig = Version['model'];
export type VariableDef = Version['variables'][number];
/** The caller's unsaved editor state (GET /prompts/{id}/draft), or null when there is none. */
export type PromptDraft = Jsonify<DraftView>;
/** A saved set of variable values (GET /prompts/{id}/input-sets). */
export type InputSet = Jsonify<InputSetView>;

/** A run as GET /runs and GET /runs/{id} answer it: with its prompt's title (null once the prompt is deleted). */
export type Run = Jsonify<RunWithTitleView>;
/** A run as the cancel endpoint answers it (no title). */
export type RunWithoutTitle = Jsonify<RunView>;
export type RunStatus = Run['status'];
export type RunMessage = Run['messages'][number];
export type RunParams = GenerationParams;

export type AvailableProvider = Jsonify<AvailableProviderView>;
export type ProviderCredential = Jsonify<ProviderCredentialSummary>;
/** GET /api/v1/providers */
export type ProvidersResponse = { available: AvailableProvider[]; credentials: ProviderCredential[]; catalog: CatalogEntry[] };

/** A key as GET /api/v1/api-keys lists it: its owner, and whether the caller may revoke it. */
export type ApiKey = Jsonify<ApiKeyListItem>;

/** GET /api/v1/workspace: the workspace, its policies and this month's spend. */
export type WorkspaceSettings = Jsonify<Pick<Workspace, 'id' | 'name' | 'monthlyBudgetUsd' | 'modelAllowlist'>> & {
  role: MemberRole;
  monthSpendUsd: number;
};

/** Request bodies, as the server's schemas accept them. */
export type CreateRunBody = z.input<typeof createRunSchema>;
export type NewPromptBody = z.input<typeof newPromptSchema>;
export type UpdatePromptBody = z.input<typeof updatePromptSchema>;
export type NewVersionBody = z.input<typeof newVersionSchema>;
/** The editor holds complete variable declarations, so a draft is sent as the server stores it. */
export type DraftBody = z.output<typeof saveDraftSchema>;
export type InputSetBody = z.input<typeof saveInputSetSchema>;
/** The catalogue id is checked by the server; the form offers only catalogue entries. */
export type NewProviderBody = Omit<z.input<typeof newProviderCredentialSchema>, 'provider'> & { provider: string };

/** Events of GET /api/v1/runs/{id}/stream (only the browser reads them). */
export type RunStreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'status'; status: RunStatus }
  | { type: 'snapshot'; output: string; status: RunStatus }
  | { type: 'done'; status: RunStatus };
