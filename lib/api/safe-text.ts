import 'server-only';
import { unsafeTextReason } from '@/lib/unsafe-text';
import { fieldError, type FieldError } from './errors';

export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_KEYS = 10_000;

// A path must itself be printable: the offending characters of a bad key are shown as U+FFFD.
const printable = (key: string) => key.replaceAll('\u0000', '\uFFFD').toWellFormed();

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * Refuses, as a 422 naming the field, any string or object key holding a NUL or a lone surrogate (PostgreSQL
 * refuses the first, and neither is text), and JSON nested deeper or wider than a request ever needs.
 */
export function assertSafeJson(value: unknown): void {
  let keys = 0;
  const walk = (node: unknown, path: string, depth: number): FieldError | null => {
    if (typeof node === 'string') {
      const reason = unsafeTextReason(node);
      return reason ? { path, message: reason } : null;
    }
    if (typeof node !== 'object' || node === null) return null;
    if (depth >= MAX_JSON_DEPTH) return { path, message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const found = walk(node[i], join(path, i), depth + 1);
        if (found) return found;
      }
      return null;
    }
    for (const [key, child] of Object.entries(node)) {
      if (++keys > MAX_JSON_KEYS) return { path, message: `the body has more than ${MAX_JSON_KEYS} fields` };
      const reason = unsafeTextReason(key);
      if (reason) return { path: join(path, printable(key)), message: `field name ${reason}` };
      const found = walk(child, join(path, key), depth + 1);
      if (found) return found;
    }
    return null;
  };
  const found = walk(value, '', 0);
  if (found) throw fieldError(found.path, found.message);
}

/** The same rule for query parameters: names and values. */
export function assertSafeParams(params: Iterable<[string, string]>): void {
  for (const [key, value] of params) {
    const keyReason = unsafeTextReason(key);
    if (keyReason) throw fieldError(printable(key), `parameter name ${keyReason}`);
    const reason = unsafeTextReason(value);
    if (reason) throw fieldError(key, reason);
  }
}
