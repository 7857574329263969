import { ApiClientError } from '@/lib/client/api';
import { formErrors, type FormErrors } from '@/lib/client/field-errors';
import type { NewVersionBody } from '@/lib/client/types';

const MODEL_FIELDS = ['provider', 'model', 'temperature', 'maxTokens', 'topP', 'stop', 'responseSchema', 'responseSchema.schema', 'responseSchema.name', 'tools'];
const TOOL_FIELDS = ['name', 'description', 'parameters'];

const FIXED_PATHS = ['systemPrompt', 'userPrompt', 'messages', 'notes', ...MODEL_FIELDS.map((f) => `model.${f}`)];

/** The paths of the list items that were sent: a chat turn's role and content, a tool's fields. */
function itemPaths(sent: NewVersionBody | undefined): string[] {
  const turns = (sent?.messages ?? []).flatMap((_, i) => [`messages.${i}.role`, `messages.${i}.content`]);
  const tools = (sent?.model?.tools ?? []).flatMap((_, i) => TOOL_FIELDS.map((f) => `model.tools.${i}.${f}`));
  return [...turns, ...tools];
}

/**
 * A failed save's field errors, placed on the editor's fields (a chat turn and a tool by their index, as sent). The API names a variable by its index in the
 * list that was sent (`variables.2.default`); the editor shows it on that variable's chip (`variables.<name>`).
 */
export function saveErrors(error: unknown, sent: NewVersionBody | undefined): FormErrors {
  const names = (sent?.variables ?? []).map((v) => v.name);
  const rename = (path: string) => {
    const match = /^variables\.(\d+)(?:\.|$)/.exec(path);
    const name = match ? names[Number(match[1])] : undefined;
    return name === undefined ? path : `variables.${name}`;
  };
  return formErrors(error, [...FIXED_PATHS, ...itemPaths(sent), ...names.map((n) => `variables.${n}`)], rename);
}

/** The version saved meanwhile, when a save was refused because it started from an older one (409). */
export function staleBaseOf(error: unknown): number | null {
  if (!(error instanceof ApiClientError) || error.code !== 'CONFLICT') return null;
  const current = error.details.currentVersionNumber;
  return typeof current === 'number' && Number.isInteger(current) ? current : null;
}

/** The per-field messages of one group (`model.`, `variables.`), keyed by what follows the prefix. */
export function fieldsUnder(errors: FormErrors, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors.fields)
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, message]) => [path.slice(prefix.length), message]),
  );
}
