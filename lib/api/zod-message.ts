import type { ZodError } from 'zod';

/** Turns zod issues into one sentence a caller can act on: "`title`: is required; `tags[0]`: …". */
export function formatZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.reduce<string>(
        (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
        '',
      );
      const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `\`${k}\``).join(', ')}` : issue.message;
      return where ? `\`${where}\`: ${message}` : message;
    })
    .join('; ');
}
