/** A fresh nonce per page response: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The pages' policy. Scripts run only with this response's nonce (Next.js puts it on its own scripts when it
 * finds it in the request's CSP header; the theme script takes it from `x-nonce`), and whatever they load
 * ('strict-dynamic'). Styles allow inline: Radix positions popovers with style attributes, and a nonce would
 * switch 'unsafe-inline' off. Development adds 'unsafe-eval', which React's refresh runtime needs.
 */
export function pageContentSecurityPolicy(nonce: string, { development }: { development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
