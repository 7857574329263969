import 'server-only';
import type { ZodError } from 'zod';
import type { FieldError } from './errors';
import { issueMessage } from './issue-message';

const MAX_FIELDS = 50;

/** Zod issues as field errors with dotted paths; an unknown key is reported at its own path. */
export function zodFieldErrors(error: ZodError): FieldError[] {
  const fields: FieldError[] = [];
  for (const issue of error.issues) {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields.push({ path: [...at, key].join('.'), message: 'is not a known field' });
    } else {
      fields.push({ path: at.join('.'), message: issueMessage(issue) });
    }
  }
  return fields.slice(0, MAX_FIELDS);
}

/** Field errors as one sentence a caller can act on: "`title`: is required; `tags.0`: …". */
export function formatFieldErrors(fields: FieldError[]): string {
  const shown = fields.slice(0, 5).map(({ path, message }) => (path ? `\`${path}\`: ${message}` : message));
  const more = fields.length > 5 ? `; and ${fields.length - 5} more` : '';
  return `${shown.join('; ')}${more}`;
}
