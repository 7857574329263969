import type { TemplateMessage } from '@/lib/prompts/schemas';
import type { VariableDef } from '@/lib/templates/variable-schema';
import { diffText, MAX_DIFF_LINES, type LineDiff } from './line-diff';
import { diffMessages, type MessageDiff } from './messages-diff';

export { diffText, splitLines, toSideBySide, MAX_DIFF_CHARS, MAX_DIFF_LINES, type DiffLine, type LineDiff } from './line-diff';

export type VersionContent = {
  systemPrompt: string;
  userPrompt: string;
  /** The turns (a version view always has them); compared turn by turn when either side is a chat template. */
  messages?: TemplateMessage[];
  format?: 'simple' | 'chat';
  variables: VariableDef[];
  model: Record<string, unknown>;
  notes?: string;
};

export type FieldChange = { field: string; from: unknown; to: unknown };
export type VariableChanges = {
  added: VariableDef[];
  removed: VariableDef[];
  changed: { name: string; from: VariableDef; to: VariableDef }[];
};
export type VersionDiff = {
  systemPrompt: LineDiff;
  userPrompt: LineDiff;
  model: FieldChange[];
  variables: VariableChanges;
  /** Turn-by-turn comparison when either version is a chat template; null when both are simple. */
  messages: MessageDiff[] | null;
  /** Content equality; `notes` describe a version rather than being part of it, so they are ignored. */
  identical: boolean;
  /** The line limit a prompt's diff is held to (see LineDiff.tooLarge). */
  maxLines: number;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

// Keys holding `undefined` are treated as absent, matching how the values round-trip through JSON.
const definedKeys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);

/** Structural equality for JSON-like values (key order ignored, arrays compared element-wise). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const keysA = definedKeys(a);
  const keysB = definedKeys(b);
  return keysA.length === keysB.length && keysA.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

function valueAt(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** One entry per model setting that differs, sorted by key so output is stable regardless of storage key order. */
export function diffModel(from: Record<string, unknown>, to: Record<string, unknown>): FieldChange[] {
  const keys = [...new Set([...definedKeys(from), ...definedKeys(to)])].sort();
  return keys
    .map((field) => ({ field, from: valueAt(from, field), to: valueAt(to, field) }))
    .filter((change) => !deepEqual(change.from, change.to));
}

/** Matches variables by name; reordering alone is not a change. */
export function diffVariables(from: VariableDef[], to: VariableDef[]): VariableChanges {
  const before = new Map(from.map((def) => [def.name, def]));
  const after = new Map(to.map((def) => [def.name, def]));
  const changed: VariableChanges['changed'] = [];
  for (const def of after.values()) {
    const old = before.get(def.name);
    if (old && !deepEqual(old, def)) changed.push({ name: def.name, from: old, to: def });
  }
  return {
    added: [...after.values()].filter((def) => !before.has(def.name)),
    removed: [...before.values()].filter((def) => !after.has(def.name)),
    changed,
  };
}

export function diffVersions(from: VersionContent, to: VersionContent): VersionDiff {
  const systemPrompt = diffText(from.systemPrompt, to.systemPrompt);
  const userPrompt = diffText(from.userPrompt, to.userPrompt);
  const model = diffModel(from.model, to.model);
  const variables = diffVariables(from.variables, to.variables);
  const chat = (from.format === 'chat' || to.format === 'chat') && from.messages && to.messages;
  const messages = chat ? diffMessages(from.messages ?? [], to.messages ?? []) : null;
  // Line diffs are compared as lines (CRLF and LF alike); a prompt too large to diff, as text.
  const sameText = (diff: LineDiff, a: string, b: string) => (diff.tooLarge ? a === b : diff.added + diff.removed === 0);
  const sameTemplates = messages
    ? messages.every((turn) => turn.kind === 'same')
    : sameText(systemPrompt, from.systemPrompt, to.systemPrompt) && sameText(userPrompt, from.userPrompt, to.userPrompt);
  const identical = sameTemplates && model.length === 0 && variables.added.length + variables.removed.length + variables.changed.length === 0;
  return { systemPrompt, userPrompt, model, variables, messages, identical, maxLines: MAX_DIFF_LINES };
}
