// Browser-safe on purpose: the template engine (lib/templates) checks parsed json values with the same rule.

/** Why PostgreSQL (or any UTF-8 consumer) cannot store this text, or null when it can. */
export function unsafeTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000): remove it';
  if (!text.isWellFormed()) return 'contains an unpaired UTF-16 surrogate: send valid Unicode text';
  return null;
}
