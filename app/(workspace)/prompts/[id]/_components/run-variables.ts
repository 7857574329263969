import type { VariableDef } from '@/lib/client/types';

/** What each variable field holds: text for string/number/json, a flag for booleans. */
export type RunValues = Record<string, string | boolean>;

const storageKey = (promptId: string) => `promptlab:run-variables:${promptId}`;

/** The values last used to run this prompt in this browser (empty when none or unreadable). */
export function loadLastValues(promptId: string): RunValues {
  if (typeof window === 'undefined') return {};
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey(promptId)) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string | boolean] => typeof entry[1] === 'string' || typeof entry[1] === 'boolean'),
    );
  } catch {
    return {};
  }
}

/** A run's recorded variables as the form holds them ("Open in editor with these inputs"). */
export function valuesFromRun(variables: Record<string, unknown>): RunValues {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      typeof value === 'string' || typeof value === 'boolean' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value, null, 2),
    ]),
  );
}

/** The field's initial content: the declared default, as the field shows it. */
export function defaultFieldValue(def: VariableDef): string | boolean {
  if (def.type === 'boolean') return def.default === true;
  if (def.default === undefined) return '';
  if (def.type === 'json') return JSON.stringify(def.default, null, 2);
  return String(def.default);
}

/** What a field shows: the user's value when it fits the type, else the default. */
export function fieldValue(def: VariableDef, values: RunValues): string | boolean {
  const value = Object.hasOwn(values, def.name) ? values[def.name] : undefined;
  if (def.type === 'boolean') return typeof value === 'boolean' ? value : (defaultFieldValue(def) as boolean);
  return typeof value === 'string' ? value : (defaultFieldValue(def) as string);
}

/**
 * The request's `variables`. Empty fields are left out so the server applies the default or names the
 * missing required variable; JSON goes as its source text, which the server parses (a bare string would
 * otherwise be ambiguous). Errors are what can be told without asking the server.
 */
export function buildVariables(defs: VariableDef[], values: RunValues): { variables: Record<string, unknown>; errors: Record<string, string> } {
  const variables: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const def of defs) {
    const value = fieldValue(def, values);
    if (typeof value === 'boolean') {
      variables[def.name] = value;
      continue;
    }
    const text = def.type === 'string' ? value : value.trim();
    if (text === '') {
      // An optional string may be deliberately empty; anything else empty means "not given".
      if (def.type === 'string' && (!def.required || def.default !== undefined)) variables[def.name] = '';
      continue;
    }
    if (def.type === 'number') {
      const n = Number(text);
      if (Number.isFinite(n)) variables[def.name] = n;
      else errors[def.name] = 'Enter a number.';
    } else if (def.type === 'json') {
      try {
        JSON.parse(text);
        variables[def.name] = text;
      } catch (error) {
        errors[def.name] = `Not valid JSON: ${(error as Error).message}`;
      }
    } else {
      variables[def.name] = text;
    }
  }
  return { variables, errors };
}
