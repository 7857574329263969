import type { Version } from '@/lib/client/types';
import { draftContentSchema, type DraftContent } from '@/lib/prompts/schemas';
import { draftFromVersion, reconcileDraft, type Draft } from './draft';
import { formToModel, modelToForm } from './model-form';

/** The run panel's variable values, as typed: text, or a flag for booleans. */
export type DraftValues = Record<string, string | boolean>;

/** Everything the editor would lose on a reload: the draft, the version notes and the run panel's values. */
export type EditorState = { draft: Draft; notes: string; values: DraftValues };

// A half-typed model setting the server would refuse is left out of the server copy (the local one keeps it).
const MODEL_IDENTITY = new Set(['provider', 'model']);

function dropAt(content: Record<string, unknown>, path: PropertyKey[]) {
  const [top, second] = path;
  if (typeof top !== 'string') return;
  const model = content.model as Record<string, unknown> | undefined;
  if (top === 'model' && model && typeof second === 'string' && !MODEL_IDENTITY.has(second)) delete model[second];
  else delete content[top];
}

/**
 * The editor state as the server keeps it (PUT /draft): only what its schema accepts, so a half-typed
 * temperature or JSON never stops the rest from being saved.
 */
export function stateToContent({ draft, notes, values }: EditorState): DraftContent {
  const content: Record<string, unknown> = {
    ...(draft.messages ? { messages: draft.messages } : { systemPrompt: draft.systemPrompt, userPrompt: draft.userPrompt }),
    variables: draft.variables,
    model: formToModel(draft.model),
    notes,
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    const parsed = draftContentSchema.safeParse(content);
    if (parsed.success) return parsed.data;
    parsed.error.issues.forEach((issue) => dropAt(content, issue.path));
  }
  return {};
}

/** A saved draft as editor state; parts it lacks come from `current`, and booleans typed as text become flags again. */
export function contentToState(content: DraftContent, current: Version | null): EditorState {
  const base = draftFromVersion(current);
  const chat = content.messages !== undefined;
  const draft: Draft = {
    systemPrompt: chat ? base.systemPrompt : (content.systemPrompt ?? base.systemPrompt),
    userPrompt: chat ? base.userPrompt : (content.userPrompt ?? base.userPrompt),
    messages: chat ? (content.messages ?? null) : content.systemPrompt !== undefined || content.userPrompt !== undefined ? null : base.messages,
    variables: content.variables ?? base.variables,
    model: content.model ? modelToForm(content.model) : base.model,
  };
  const flags = new Set(reconcileDraft(draft).variables.filter((v) => v.type === 'boolean').map((v) => v.name));
  const values: DraftValues = Object.fromEntries(
    Object.entries(content.values ?? {}).map(([k, v]) => [k, flags.has(k) && (v === 'true' || v === 'false') ? v === 'true' : v]),
  );
  return { draft, notes: content.notes ?? '', values };
}
