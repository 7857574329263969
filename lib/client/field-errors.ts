import type { ZodError } from 'zod';
import { issueMessage } from '@/lib/api/issue-message';
import { ApiClientError, errorMessage } from './api';

export type FormErrors = {
  /** The message to show under each field, by the form's own field path. */
  fields: Record<string, string>;
  /** The whole message, for a form-level alert, when some problem has no field of the form to show it; else null. */
  form: string | null;
};

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

// A phrase the API ends with a bound reads shorter under its field: "must be between 0 and 2" → "Between 0 and 2".
const SHORTER: [RegExp, string][] = [
  [/^is required\b/i, 'Required'],
  [/^must be (between|at most|at least|greater than|less than) /i, '$1 '],
];

/**
 * A message as plain words for a person: no backticks, no error codes ("INVALID_INPUT: …"), a capital first
 * letter, and the short form of the usual phrases ("Required", "Between 0 and 2", "Must be a number").
 */
export function plainMessage(message: string): string {
  let text = message
    .replace(/^[A-Z][A-Z_]{2,}:\s*/, '')
    // `topic` reads as topic; `.` or `_` keep quotes so a lone symbol stays visible.
    .replace(/`([^`]*)`/g, (_m, inner: string) => (/[A-Za-z0-9]/.test(inner) ? inner : `“${inner}”`))
    .trim();
  for (const [pattern, replacement] of SHORTER) text = text.replace(pattern, replacement);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The most specific of `paths` that is `path` or one of its parents (`tags` for `tags.3`), or null. */
function owningPath(path: string, paths: readonly string[]): string | null {
  let best: string | null = null;
  for (const candidate of paths) {
    const owns = path === candidate || path.startsWith(`${candidate}.`);
    if (owns && (best === null || candidate.length > best.length)) best = candidate;
  }
  return best;
}

/**
 * Places an API error's field errors beside the form's fields (`paths`), from `details.fields`, never from the
 * message text. `rename` maps an API path onto the form's (e.g. a list index onto a name) before matching.
 */
export function formErrors(error: unknown, paths: readonly string[], rename: (path: string) => string = (p) => p): FormErrors {
  if (!error) return NO_ERRORS;
  if (!(error instanceof ApiClientError) || error.fields.length === 0) return { fields: {}, form: plainMessage(errorMessage(error)) };
  const fields: Record<string, string> = {};
  let unplaced = false;
  for (const field of error.fields) {
    const owner = owningPath(rename(field.path), paths);
    if (owner === null) unplaced = true;
    else fields[owner] ??= plainMessage(field.message);
  }
  return { fields, form: unplaced ? plainMessage(error.message) : null };
}

/** Browser-side validation with the same words as the server: a schema's issues placed on the form's fields. */
export function zodFormErrors(error: ZodError, paths: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    const message = plainMessage(issueMessage(issue));
    const owner = owningPath(path, paths);
    if (owner === null) unplaced.push(path ? `${path}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : message);
    else fields[owner] ??= message;
  }
  return { fields, form: unplaced.length > 0 ? plainMessage(unplaced.join('; ')) : null };
}
