import { ApiClientError, errorMessage } from './api';

export type FormErrors = {
  /** The message to show under each field, by the form's own field path. */
  fields: Record<string, string>;
  /** The whole message, for a form-level alert, when some problem has no field of the form to show it; else null. */
  form: string | null;
};

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** "is required" reads as a sentence under a field: "Is required". */
const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

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
  if (!(error instanceof ApiClientError) || error.fields.length === 0) return { fields: {}, form: errorMessage(error) };
  const fields: Record<string, string> = {};
  let unplaced = false;
  for (const field of error.fields) {
    const owner = owningPath(rename(field.path), paths);
    if (owner === null) unplaced = true;
    else fields[owner] ??= sentence(field.message);
  }
  return { fields, form: unplaced ? error.message : null };
}
