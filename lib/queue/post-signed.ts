import 'server-only';
import type { JobRequestHandler } from './job-registry';

const MAX_TIMER_MS = 2 ** 31 - 1;

export type SignedPost = {
  /** Where an HTTP delivery goes: this server's own address. */
  url: string;
  /** The URL the signature names, which an in-process Request is addressed to. */
  signedUrl: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
};

/**
 * Sends one signed delivery: to the in-process handler when there is one (the Request a route would receive, so
 * it still verifies the signature, caps and parses), else over HTTP. Rejects on a network failure, or when no
 * answer came within `timeoutMs` (the slot is freed; the handler may still finish, as it would over HTTP).
 */
export function postSigned(post: SignedPost, { handler, fetch }: { handler?: JobRequestHandler; fetch: typeof globalThis.fetch }): Promise<Response> {
  const { url, signedUrl, headers, body, timeoutMs } = post;
  if (!handler) {
    // A redirect would replay the POST elsewhere (or as a GET); report it as the misconfiguration it is.
    return fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), Math.min(timeoutMs, MAX_TIMER_MS));
    timer.unref?.();
    Promise.resolve()
      .then(() => handler(new Request(signedUrl, { method: 'POST', headers, body })))
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}
