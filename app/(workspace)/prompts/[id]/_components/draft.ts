import type { ModelConfig, Version } from '@/lib/client/types';
import { deepEqual } from '@/lib/diff/version-diff';
import { DEFAULT_MODEL } from '@/lib/prompts/schemas';
import { reconcileVariables, type VariableDef } from '@/lib/templates';

/** Model settings as typed into the form: numbers stay strings so half-typed values ("0.") survive. */
export type ModelForm = {
  provider: string;
  model: string;
  temperature: string;
  maxTokens: string;
  topP: string;
  stop: string;
};

/** The editable content of a version. `variables` holds only what the user declared. */
export type Draft = {
  systemPrompt: string;
  userPrompt: string;
  variables: VariableDef[];
  model: ModelForm;
};

export const MAX_STOP_SEQUENCES = 4;

// Stop sequences are comma/newline separated, so those characters (and \) are escaped in the text.
function escapeStop(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/,/g, '\\,');
}

function unescapeStop(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** Splits on unescaped commas and newlines; blank entries are dropped. */
export function parseStop(text: string): string[] {
  const raw: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      current += c + text.charAt(++i);
    } else if (c === ',' || c === '\n') {
      raw.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  raw.push(current);
  return raw.map((s) => s.trim()).filter(Boolean).map(unescapeStop);
}

export function modelToForm(model: ModelConfig): ModelForm {
  return {
    provider: model.provider,
    model: model.model,
    temperature: model.temperature === undefined ? '' : String(model.temperature),
    maxTokens: model.maxTokens === undefined ? '' : String(model.maxTokens),
    topP: model.topP === undefined ? '' : String(model.topP),
    stop: (model.stop ?? []).map(escapeStop).join('\n'),
  };
}

function optionalNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Empty fields are omitted; range checks are left to the API, whose messages name the field. */
export function formToModel(form: ModelForm): ModelConfig {
  const model: ModelConfig = { provider: form.provider, model: form.model.trim() };
  const temperature = optionalNumber(form.temperature);
  const maxTokens = optionalNumber(form.maxTokens);
  const topP = optionalNumber(form.topP);
  const stop = parseStop(form.stop);
  if (temperature !== undefined) model.temperature = temperature;
  if (maxTokens !== undefined) model.maxTokens = maxTokens;
  if (topP !== undefined) model.topP = topP;
  if (stop.length > 0) model.stop = stop;
  return model;
}

export function draftFromVersion(version: Version | null): Draft {
  return {
    systemPrompt: version?.systemPrompt ?? '',
    userPrompt: version?.userPrompt ?? '',
    variables: version?.variables ?? [],
    model: modelToForm(version?.model ?? { ...DEFAULT_MODEL }),
  };
}

/** Declared variables plus the ones the templates use without declaring (what the server will store). */
export function reconcileDraft(draft: Pick<Draft, 'systemPrompt' | 'userPrompt' | 'variables'>) {
  return reconcileVariables(draft.variables, [draft.systemPrompt, draft.userPrompt]);
}

/** The request body for POST /versions; an untouched model is sent as stored, not re-serialised. */
export function draftToPayload(draft: Draft, current: Version | null, notes: string) {
  const model = formToModel(draft.model);
  const unchangedModel = current && deepEqual(model, formToModel(modelToForm(current.model)));
  return {
    systemPrompt: draft.systemPrompt,
    userPrompt: draft.userPrompt,
    variables: reconcileDraft(draft).variables,
    model: unchangedModel ? current.model : model,
    notes: notes.trim(),
  };
}

/** Whether saving would create a version with different content (notes alone are not content). */
export function isDraftDirty(draft: Draft, current: Version | null): boolean {
  const base = draftFromVersion(current);
  return (
    draft.systemPrompt !== base.systemPrompt ||
    draft.userPrompt !== base.userPrompt ||
    !deepEqual(reconcileDraft(draft).variables, reconcileDraft(base).variables) ||
    !deepEqual(formToModel(draft.model), formToModel(base.model))
  );
}
