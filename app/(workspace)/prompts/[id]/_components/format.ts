import type { Version } from '@/lib/client/types';

export { formatAbsolute, formatRelative, useNow } from '@/lib/client/format';

export function authorLabel(version: Pick<Version, 'author'>): string {
  return version.author?.name || version.author?.email || 'Unknown author';
}

/** Compact display of a JSON-ish value (defaults, model settings). */
export function formatValue(value: unknown, max = 60): string {
  if (value === undefined) return 'not set';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
