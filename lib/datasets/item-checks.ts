// Browser-safe: the import preview runs the same checks as the server.
import { findUnsafeValue } from '@/lib/unsafe-text';
import { isReservedName, MAX_ITEM_BYTES, MAX_ITEM_VARIABLES, reservedNameMessage } from './schemas';

export const MAX_ITEM_DEPTH = 32;
/** Object keys in one item, nested ones included (the body-wide cap of safe-text.ts does not fit 10,000 items). */
export const MAX_ITEM_KEYS = 10_000;

export type ItemProblem = { path: string; message: string };

/**
 * The first value in `value` PostgreSQL could not store as text (a NUL, a lone surrogate) or that nests deeper or
 * wider than an item needs; null when it is fine. Paths are relative to `value` (`input.topic`).
 */
export const unsafeValueProblem = (value: unknown, base = ''): ItemProblem | null =>
  findUnsafeValue(value, { maxDepth: MAX_ITEM_DEPTH, maxKeys: MAX_ITEM_KEYS, keysLabel: 'has' }, base);

const encoder = new TextEncoder();

/** UTF-8 size of the item as stored (input, expected and metadata as JSON). */
export function itemBytes(item: { input: unknown; expected?: unknown; metadata?: unknown }): number {
  return encoder.encode(JSON.stringify([item.input, item.expected ?? null, item.metadata ?? {}])).byteLength;
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** Safety, then size and variable count; run it before schema validation (it bounds the recursion). */
export function itemProblem(item: unknown): ItemProblem | null {
  const unsafe = unsafeValueProblem(item);
  if (unsafe) return unsafe;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
  const { input, expected, metadata } = item as Record<string, unknown>;
  for (const [part, kind] of [[input, 'variable'], [metadata, 'metadata key']] as const) {
    if (typeof part !== 'object' || part === null || Array.isArray(part)) continue;
    const reserved = Object.keys(part).find(isReservedName);
    if (reserved) return { path: `${kind === 'variable' ? 'input' : 'metadata'}.${reserved}`, message: reservedNameMessage(reserved, kind) };
  }
  if (typeof input === 'object' && input !== null && Object.keys(input).length > MAX_ITEM_VARIABLES) {
    return { path: 'input', message: `has ${Object.keys(input).length} variables; at most ${MAX_ITEM_VARIABLES}` };
  }
  const size = itemBytes({ input, expected, metadata });
  if (size > MAX_ITEM_BYTES) return { path: '', message: `is ${kb(size)}; an item can be at most ${kb(MAX_ITEM_BYTES)}` };
  return null;
}
