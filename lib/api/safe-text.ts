import 'server-only';
import { findUnsafeValue, printableKey, unsafeTextReason } from '@/lib/unsafe-text';
import { fieldError } from './errors';

export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_KEYS = 10_000;

/**
 * Refuses, as a 422 naming the field, any string or object key holding a NUL or a lone surrogate (PostgreSQL
 * refuses the first, and neither is text), and JSON nested deeper or wider than a request ever needs.
 */
export function assertSafeJson(value: unknown): void {
  const found = findUnsafeValue(value, { maxDepth: MAX_JSON_DEPTH, maxKeys: MAX_JSON_KEYS, keysLabel: 'the body has' });
  if (found) throw fieldError(found.path, found.message);
}

/** The same rule for query parameters: names and values. */
export function assertSafeParams(params: Iterable<[string, string]>): void {
  for (const [key, value] of params) {
    const keyReason = unsafeTextReason(key);
    if (keyReason) throw fieldError(printableKey(key), `parameter name ${keyReason}`);
    const reason = unsafeTextReason(value);
    if (reason) throw fieldError(key, reason);
  }
}
