import type { CreateRunBody, ModelConfig, Version } from '@/lib/client/types';
import { deepEqual } from '@/lib/diff/version-diff';
import { DEFAULT_MODEL, type TemplateMessage } from '@/lib/prompts/schemas';
import { reconcileVariables, type VariableDef } from '@/lib/templates';
import { formToModel, modelToForm, type ModelForm } from './model-form';

/** The editable content of a version. `variables` holds only what the user declared. */
export type Draft = {
  systemPrompt: string;
  userPrompt: string;
  /** A chat template (system turns first, then user/assistant turns); null in the simple system + user mode. */
  messages: TemplateMessage[] | null;
  variables: VariableDef[];
  model: ModelForm;
};

/** The `draft` of POST /api/v1/runs: what the editor shows, saved or not (its variables complete, defaults filled in). */
export type RunDraft = Omit<NonNullable<CreateRunBody['draft']>, 'variables'> & { variables: VariableDef[] };

/** What a draft run recorded (run.template), or any content given as turns. */
type TemplateContent = { messages: TemplateMessage[]; variables: VariableDef[]; model: ModelConfig };

/** The turns without empty system prompts, which the server drops when rendering anyway. */
function cleanTurns(messages: TemplateMessage[]): TemplateMessage[] {
  return messages.filter((m) => !(m.role === 'system' && m.content === ''));
}

/** The turns a simple system + user pair stands for (no system turn when it is empty), as the API answers them. */
function simpleTurns(systemPrompt: string, userPrompt: string): TemplateMessage[] {
  return cleanTurns([
    { role: 'system', content: systemPrompt },
    { role: 'user', content: userPrompt },
  ]);
}

/** The draft's template as turns, whichever mode it is in. */
export function draftTurns(draft: Pick<Draft, 'systemPrompt' | 'userPrompt' | 'messages'>): TemplateMessage[] {
  return draft.messages ? cleanTurns(draft.messages) : simpleTurns(draft.systemPrompt, draft.userPrompt);
}

/** The simple pair equal to `messages`, or null when the chat has more than one optional system and one user turn. */
export function simplePairOf(messages: TemplateMessage[]): { systemPrompt: string; userPrompt: string } | null {
  const turns = cleanTurns(messages);
  const [first, second] = turns;
  if (turns.length === 1 && first?.role === 'user') return { systemPrompt: '', userPrompt: first.content };
  if (turns.length === 2 && first?.role === 'system' && second?.role === 'user') return { systemPrompt: first.content, userPrompt: second.content };
  return null;
}

/** Switches between "System + user" and "Chat", keeping the text; null when the chat can't become a pair. */
export function convertDraft(draft: Draft, mode: 'simple' | 'chat'): Draft | null {
  if (mode === 'chat') {
    if (draft.messages) return draft;
    // The system turn stays even when empty, so there is a place to write it.
    const messages: TemplateMessage[] = [
      { role: 'system', content: draft.systemPrompt },
      { role: 'user', content: draft.userPrompt },
    ];
    return { ...draft, messages };
  }
  if (!draft.messages) return draft;
  const pair = simplePairOf(draft.messages);
  return pair ? { ...draft, ...pair, messages: null } : null;
}

export function draftFromVersion(version: Version | null): Draft {
  const chat = version?.format === 'chat';
  return {
    systemPrompt: version?.systemPrompt ?? '',
    userPrompt: version?.userPrompt ?? '',
    messages: chat ? version.messages : null,
    variables: version?.variables ?? [],
    model: modelToForm(version?.model ?? { ...DEFAULT_MODEL }),
  };
}

/** A run's recorded template as the editor's draft (simple when it is one optional system and one user turn). */
export function draftFromTemplate(template: TemplateContent): Draft {
  const pair = simplePairOf(template.messages);
  return {
    systemPrompt: pair?.systemPrompt ?? '',
    userPrompt: pair?.userPrompt ?? '',
    messages: pair ? null : template.messages,
    variables: template.variables,
    model: modelToForm(template.model),
  };
}

/** Declared variables plus the ones any template uses without declaring (what the server will store). */
export function reconcileDraft(draft: Pick<Draft, 'systemPrompt' | 'userPrompt' | 'variables'> & { messages?: TemplateMessage[] | null }) {
  return reconcileVariables(
    draft.variables,
    draftTurns({ ...draft, messages: draft.messages ?? null }).map((m) => m.content),
  );
}

/**
 * The templates part of a request body: `messages` in chat mode, else the pair (never both). Turns go as shown,
 * empty system ones included, so the API's `messages.N` paths point at the editor's turn N.
 */
function templatesOf(draft: Draft): { messages: TemplateMessage[] } | { systemPrompt: string; userPrompt: string } {
  return draft.messages ? { messages: draft.messages } : { systemPrompt: draft.systemPrompt, userPrompt: draft.userPrompt };
}

/** The request body for POST /versions; an untouched model is sent as stored, not re-serialised. */
export function draftToPayload(draft: Draft, current: Version | null, notes: string) {
  const model = formToModel(draft.model);
  const unchangedModel = current && deepEqual(model, formToModel(modelToForm(current.model)));
  return {
    ...templatesOf(draft),
    variables: reconcileDraft(draft).variables,
    model: unchangedModel ? current.model : model,
    notes: notes.trim(),
  };
}

/** The `draft` body of a draft run: exactly what the editor shows. */
export function draftToRunDraft(draft: Draft): RunDraft {
  return { ...templatesOf(draft), variables: reconcileDraft(draft).variables, model: formToModel(draft.model) };
}

/**
 * Whether the draft's content differs from `base` (notes alone are not content): saving would create a different
 * version, and Run must send the draft. A chat with the same turns as a simple version is the same content.
 */
export function isDraftChanged(draft: Draft, base: Version | null): boolean {
  const saved = draftFromVersion(base);
  return (
    !deepEqual(draftTurns(draft), draftTurns(saved)) ||
    !deepEqual(reconcileDraft(draft).variables, reconcileDraft(saved).variables) ||
    !deepEqual(formToModel(draft.model), formToModel(saved.model))
  );
}
