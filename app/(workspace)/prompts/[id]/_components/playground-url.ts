import type { CompareRange } from './use-version-diff';

/** `?version=3`: a saved version other than the current one, or null. */
export function parseVersionParam(text: string | null, versionCount: number, currentNumber: number | null): number | null {
  const n = Number(text);
  return text !== null && Number.isInteger(n) && n >= 1 && n <= versionCount && n !== currentNumber ? n : null;
}

/** `?compare=2..4`: two saved versions (either order), or null. */
export function parseCompareParam(text: string | null, versionCount: number): CompareRange | null {
  const match = /^(\d{1,9})\.\.(\d{1,9})$/.exec(text ?? '');
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  const valid = (n: number) => n >= 1 && n <= versionCount;
  return valid(from) && valid(to) ? { from, to } : null;
}

/** The page's address with some query parameters set (a string) or removed (null); the rest kept. */
export function withQuery(href: string, patch: Record<string, string | null>): string {
  const url = new URL(href);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  // `..` reads better unescaped in a link someone shares.
  return `${url.pathname}${url.search.replace(/%2E/gi, '.')}${url.hash}`;
}

/** Updates the address bar without a navigation, so the page's state survives and the URL can be shared. */
export function replaceQuery(patch: Record<string, string | null>) {
  window.history.replaceState(window.history.state, '', withQuery(window.location.href, patch));
}
