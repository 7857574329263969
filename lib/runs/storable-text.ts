import 'server-only';

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Model output as PostgreSQL can store it: NUL removed (text columns refuse 0x00) and unpaired UTF-16 surrogates
 * replaced with U+FFFD (they have no UTF-8 form). Well-formed text comes back unchanged.
 */
export function toStorableText(text: string): string {
  return text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}
