import 'server-only';

/**
 * Model output as PostgreSQL can store it: NUL removed (text columns refuse 0x00) and unpaired UTF-16 surrogates
 * replaced with U+FFFD (they have no UTF-8 form). Well-formed text comes back unchanged.
 */
export function toStorableText(text: string): string {
  return text.replaceAll('\u0000', '').toWellFormed();
}
