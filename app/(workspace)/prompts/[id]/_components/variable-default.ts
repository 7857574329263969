import type { VariableType } from '@/lib/templates';

/** A default as the text its field shows. */
export function defaultToText(type: VariableType, value: unknown): string {
  if (value === undefined) return '';
  if (type === 'json') return JSON.stringify(value, null, 2);
  return String(value);
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** Empty means "no default"; otherwise the text must read as the declared type. */
export function parseDefault(type: VariableType, text: string): Parsed {
  if (type !== 'string' && text.trim() === '') return { ok: true, value: undefined };
  switch (type) {
    case 'string':
      return { ok: true, value: text === '' ? undefined : text };
    case 'number': {
      const n = Number(text.trim());
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: 'Must be a number, such as 3 or 0.5' };
    }
    case 'boolean':
      return { ok: true, value: text === 'true' };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, message: 'Not valid JSON: check the quotes, commas and brackets' };
      }
  }
}
