// Browser-safe: the import preview reads `expected` cells exactly as the server does.

/**
 * A CSV `expected` cell as a value. JSON is read as JSON: an object or array (surrounding spaces allowed), a
 * quoted JSON string, and a number, true or false written exactly as JSON writes it ("42" is 42, "1e+21" is
 * 1e21; "042", "1.0", "1e3" and "12345678901234567890", which JSON would not write back the same, stay text).
 * Anything else, `null` included, is the text itself. The caller treats an empty cell as no expected value.
 */
export function expectedFromCsv(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parsed(trimmed) ?? text;
  if (text.startsWith('"')) {
    const value = parsed(text);
    return typeof value === 'string' ? value : text;
  }
  if (text === 'true' || text === 'false' || /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text)) {
    const value = parsed(text);
    return value !== undefined && JSON.stringify(value) === text ? value : text;
  }
  return text;
}

/**
 * The cell that expectedFromCsv reads back as `value`: text as it is when it would read back unchanged, otherwise
 * (text that looks like JSON, or empty text) as a JSON string; any other value as JSON; nothing as an empty cell.
 */
export function expectedToCsv(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return JSON.stringify(value);
  return value !== '' && expectedFromCsv(value) === value ? value : JSON.stringify(value);
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
