import type { ZodType } from 'zod';

/** Validates a URL's query string with a schema; empty values count as absent. */
export function parseQuery<T>(req: Request, schema: ZodType<T>): T {
  const params: Record<string, string> = {};
  for (const [key, value] of new URL(req.url).searchParams) if (value !== '') params[key] = value;
  return schema.parse(params);
}
