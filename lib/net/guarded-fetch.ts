import 'server-only';
import dns from 'node:dns';
import net from 'node:net';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import { env } from '../env';
import { limitResponse, responseLimits } from './response-limits';
import { isPrivateAddress } from './ssrf';

/** A connection the address policy forbids: a private address at connect time, or a redirect. */
export class UrlRefusedError extends Error {
  readonly code = 'URL_REFUSED';
  constructor(
    readonly reason: 'private_address' | 'redirect',
    message: string,
  ) {
    super(message);
    this.name = 'UrlRefusedError';
  }
}

/** The UrlRefusedError anywhere in an error's cause chain (the SDKs and fetch wrap it), else null. */
export function findUrlRefused(error: unknown): UrlRefusedError | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if (e instanceof UrlRefusedError) return e;
  }
  return null;
}

/** Decides whether one resolved address may be connected to; `hostname` is what the URL named. */
export type AddressPolicy = (address: string, hostname: string) => boolean;

/** Says only that the host was refused: where a workspace's name points (internal DNS) goes to the server log. */
function privateRefused(hostname: string, address: string): UrlRefusedError {
  console.warn(`[ssrf] refused a connection to ${hostname}${hostname === address ? '' : ` (${address})`}: a private address`);
  return new UrlRefusedError(
    'private_address',
    `${hostname} points to a private or unresolvable address: connections there are refused ` +
      '(set ALLOW_PRIVATE_PROVIDER_URLS=true to allow them)',
  );
}

/**
 * Wraps a DNS lookup so every address it answers is checked right before the socket connects: the address
 * checked is the address used, so a DNS answer that changes after an earlier check (rebinding) cannot slip by.
 */
export function guardedLookup(allowAddress: AddressPolicy, lookup?: net.LookupFunction): net.LookupFunction {
  return (hostname, options, callback) => {
    (lookup ?? dns.lookup)(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      // `all: true` (Happy Eyeballs) answers a list; otherwise one address.
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const refused = addresses.find((a) => !allowAddress(a, hostname));
      if (refused !== undefined || addresses.length === 0) {
        return callback(privateRefused(hostname, refused ?? 'no address'), address, family);
      }
      callback(null, address, family);
    });
  };
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

export type GuardedFetchOptions = {
  allowPrivate: boolean;
  /** Replaces the address check (tests stand a hostname in for a public one). */
  allowAddress?: AddressPolicy;
  /** Replaces dns.lookup (tests simulate a DNS answer). */
  lookup?: net.LookupFunction;
  /** Replaces RUN_MAX_OUTPUT_CHARS, from which the limits on an answer's bytes derive (see response-limits.ts). */
  maxOutputChars?: number;
};

/**
 * Whether the SDK will read the answer as server-sent events: it decides from its request (`stream: true` in the
 * JSON it sends), whatever content type the endpoint answers with. A JSON string cannot hold an unescaped `"`, so
 * no prompt text matches.
 */
const isStreamRequest = (body: unknown) => typeof body === 'string' && body.includes('"stream":true');

/**
 * A fetch for provider SDKs that connects only where the policy allows (IP literals before connecting, names at
 * connect time through the agent's lookup) and follows no redirect: a 3xx is an error, since each hop would be a
 * new, unchecked destination. The body it answers errors with ResponseTooLargeError past the response limits.
 */
export function createGuardedFetch(options: GuardedFetchOptions): typeof globalThis.fetch {
  const allowAddress: AddressPolicy = options.allowAddress ?? ((address) => options.allowPrivate || !isPrivateAddress(address));
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(allowAddress, options.lookup) } });

  return async (input, init) => {
    if (input instanceof Request) throw new TypeError('the guarded fetch takes a URL and init, not a Request');
    const url = new URL(String(input));
    // Node connects to an IP literal without a lookup, so those are checked here.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (net.isIP(host) && !allowAddress(host, host)) throw privateRefused(host, host);
    const response = await undiciFetch(url, { ...(init as UndiciRequestInit), dispatcher, redirect: 'manual' });
    if (REDIRECT.has(response.status)) {
      await response.body?.cancel().catch(() => {});
      throw new UrlRefusedError(
        'redirect',
        `the endpoint answered HTTP ${response.status}, a redirect, which is not followed: use the address it redirects to as the base URL`,
      );
    }
    const maxOutputChars = options.maxOutputChars ?? env().runs.maxOutputChars;
    return limitResponse(response as unknown as Response, responseLimits({ maxOutputChars, stream: isStreamRequest(init?.body) }));
  };
}

const shared = new Map<boolean, typeof globalThis.fetch>();

/**
 * The process-wide guarded fetch (one connection pool each way). `trusted` is for the operator's own endpoints
 * (instance settings), which may be private; everything else follows ALLOW_PRIVATE_PROVIDER_URLS.
 */
export function providerFetch({ trusted = false }: { trusted?: boolean } = {}): typeof globalThis.fetch {
  const allowPrivate = trusted || env().allowPrivateProviderUrls;
  let fetch = shared.get(allowPrivate);
  if (!fetch) {
    fetch = createGuardedFetch({ allowPrivate });
    shared.set(allowPrivate, fetch);
  }
  return fetch;
}
