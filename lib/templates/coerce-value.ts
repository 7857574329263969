import { isJsonValue, type VariableDef } from '@/lib/templates/variable-schema';
import { unsafeTextReason } from '@/lib/unsafe-text';

/** `unsafe`: the value has the type but holds text that cannot be stored (a reason, for the message). */
export type Coerced = { ok: true; value: unknown; text: string } | { ok: false; unsafe?: string };

// Names are echoed in messages; a 100 KB key is shown by its start.
const NAME_SHOWN_CHARS = 64;
export const shownName = (name: string) => (name.length > NAME_SHOWN_CHARS ? `${name.slice(0, NAME_SHOWN_CHARS)}…` : name);

// Decimal only (no hex/Infinity); no nested quantifiers over the same characters, so no backtracking blow-up.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Converts a raw value to the declared type and its rendered text, or fails. */
export function coerce(type: VariableDef['type'], raw: unknown): Coerced {
  switch (type) {
    case 'string': {
      if (typeof raw === 'string') return { ok: true, value: raw, text: raw };
      // A number or boolean in a JSON body is taken as its text: `"n": 2` means "2" to a template.
      const asText = typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw)) ? String(raw) : undefined;
      return asText === undefined ? { ok: false } : { ok: true, value: asText, text: asText };
    }
    case 'number': {
      let n: number | undefined;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && DECIMAL.test(raw.trim())) n = Number(raw.trim());
      return n !== undefined && Number.isFinite(n) ? { ok: true, value: n, text: String(n) } : { ok: false };
    }
    case 'boolean': {
      const v = typeof raw === 'string' ? raw.trim() : raw;
      const b = v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
      return b === undefined ? { ok: false } : { ok: true, value: b, text: String(b) };
    }
    case 'json': {
      // Strings are JSON source (form input); pass '"text"' to supply a JSON string value.
      let value = raw;
      if (typeof raw === 'string') {
        try {
          value = JSON.parse(raw) as unknown;
        } catch {
          return { ok: false };
        }
      }
      if (!isJsonValue(value)) return { ok: false };
      // JSON.parse turns an escaped "\u0000" or lone "\ud800", harmless in the request, into the real character.
      const unsafe = unsafeJsonText(value, '');
      return unsafe ? { ok: false, unsafe } : { ok: true, value, text: JSON.stringify(value) };
    }
  }
}

/** Where a JSON value holds a string or key that is not storable text, and why; null when it holds none. */
function unsafeJsonText(value: unknown, path: string): string | null {
  const at = (where: string) => (where ? ` at \`${shownName(where)}\`` : '');
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? `the string${at(path)} ${reason}` : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (!Array.isArray(value)) {
      const reason = unsafeTextReason(key);
      if (reason) return `a field name${at(path)} ${reason}`;
    }
    const found = unsafeJsonText(child, childPath);
    if (found) return found;
  }
  return null;
}

/** A value as an error message quotes it. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
