import 'server-only';
import type { ZodType } from 'zod';
import { assertSafeParams } from './safe-text';

/** Validates a URL's query string with a schema; empty values count as absent, NULs and lone surrogates are refused. */
export function parseQuery<T>(req: Request, schema: ZodType<T>): T {
  const searchParams = new URL(req.url).searchParams;
  assertSafeParams(searchParams);
  const params: Record<string, string> = {};
  for (const [key, value] of searchParams) if (value !== '') params[key] = value;
  return schema.parse(params);
}
