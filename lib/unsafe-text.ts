// Browser-safe on purpose: the template engine (lib/templates) checks parsed json values with the same rule.

/** Why PostgreSQL (or any UTF-8 consumer) cannot store this text, or null when it can. */
export function unsafeTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000): remove it';
  if (!text.isWellFormed()) return 'contains an unpaired UTF-16 surrogate: send valid Unicode text';
  return null;
}

export type UnsafeValue = { path: string; message: string };

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
// A path must itself be printable: the offending characters of a bad key are shown as U+FFFD.
export const printableKey = (key: string) => key.replaceAll('\u0000', '\uFFFD').toWellFormed();

/**
 * The first string or object key in `value` holding text PostgreSQL cannot store (a NUL, a lone surrogate), or
 * nesting deeper than `maxDepth` / more than `maxKeys` keys in all; null when it is fine. Paths start at `base`.
 */
export function findUnsafeValue(value: unknown, limits: { maxDepth: number; maxKeys: number; keysLabel: string }, base = ''): UnsafeValue | null {
  let keys = 0;
  const walk = (node: unknown, path: string, depth: number): UnsafeValue | null => {
    if (typeof node === 'string') {
      const reason = unsafeTextReason(node);
      return reason ? { path, message: reason } : null;
    }
    if (typeof node !== 'object' || node === null) return null;
    if (depth >= limits.maxDepth) return { path, message: `nests deeper than ${limits.maxDepth} levels` };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const found = walk(node[i], join(path, i), depth + 1);
        if (found) return found;
      }
      return null;
    }
    for (const [key, child] of Object.entries(node)) {
      if (++keys > limits.maxKeys) return { path, message: `${limits.keysLabel} more than ${limits.maxKeys} fields` };
      const reason = unsafeTextReason(key);
      if (reason) return { path: join(path, printableKey(key)), message: `field name ${reason}` };
      const found = walk(child, join(path, key), depth + 1);
      if (found) return found;
    }
    return null;
  };
  return walk(value, base, 0);
}
