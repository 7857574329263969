import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOpenAICompatibleProvider } from '@/lib/llm/openai-compatible';
import { ProviderError } from '@/lib/llm/types';
import { createGuardedFetch, findUrlRefused, guardedLookup, UrlRefusedError } from '@/lib/net/guarded-fetch';
import { isPrivateAddress } from '@/lib/net/ssrf';

/** A DNS stand-in: each name answers the given addresses, as dns.lookup would (one, or all with `all: true`). */
function fakeLookup(answers: Record<string, string[]>): net.LookupFunction & { calls: string[] } {
  const calls: string[] = [];
  const lookup = ((hostname, options, callback) => {
    calls.push(hostname);
    const found = answers[hostname];
    if (!found) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    const entries = found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) callback(null, entries);
    else callback(null, entries[0]!.address, entries[0]!.family);
  }) as net.LookupFunction;
  return Object.assign(lookup, { calls });
}

const lookupOnce = (lookup: net.LookupFunction, hostname: string, all: boolean) =>
  new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
    lookup(hostname, { all }, (error, address) => resolve({ error, address })),
  );

const publicOnly = (address: string) => !isPrivateAddress(address);

afterEach(() => vi.restoreAllMocks());

describe('guardedLookup', () => {
  it.each([false, true])('refuses a name that resolves to 10.0.0.1 (all: %s)', async (all) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const lookup = guardedLookup(publicOnly, fakeLookup({ 'rebind.test': ['10.0.0.1'] }));
    const { error } = await lookupOnce(lookup, 'rebind.test', all);
    expect(error).toBeInstanceOf(UrlRefusedError);
    expect(error).toMatchObject({ reason: 'private_address', code: 'URL_REFUSED' });
    expect(error!.message).toContain('rebind.test points to a private or unresolvable address');
    // Where the name points is internal DNS: in the server log, not in what the workspace reads.
    expect(error!.message).not.toContain('10.0.0.1');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/rebind\.test.*10\.0\.0\.1/));
  });

  it('refuses an answer that mixes public and private addresses', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const lookup = guardedLookup(publicOnly, fakeLookup({ 'mixed.test': ['93.184.216.34', '169.254.169.254'] }));
    expect((await lookupOnce(lookup, 'mixed.test', true)).error).toMatchObject({ reason: 'private_address' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('169.254.169.254'));
  });

  it('passes a public answer through unchanged, and lookup errors as they are', async () => {
    const lookup = guardedLookup(publicOnly, fakeLookup({ 'api.test': ['93.184.216.34', '2606:2800:220:1::1'] }));
    expect(await lookupOnce(lookup, 'api.test', false)).toEqual({ error: null, address: '93.184.216.34' });
    expect((await lookupOnce(lookup, 'api.test', true)).address).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
    expect((await lookupOnce(lookup, 'missing.test', false)).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('createGuardedFetch', () => {
  let target: http.Server;
  let redirector: http.Server;
  let targetHits = 0;
  let redirectorHits = 0;
  let targetPort = 0;
  let redirectorPort = 0;

  const listen = async (server: http.Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    target = http.createServer((_req, res) => {
      targetHits += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'internal-model', object: 'model', created: 0, owned_by: 'x' }] }));
    });
    targetPort = await listen(target);
    redirector = http.createServer((req, res) => {
      redirectorHits += 1;
      // What an attacker's public endpoint would answer: go to an internal address instead.
      res.writeHead(302, { location: `http://127.0.0.1:${targetPort}${req.url}` });
      res.end();
    });
    redirectorPort = await listen(redirector);
  });

  afterAll(async () => {
    await Promise.all([target, redirector].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  // Private addresses are refused, except that `first.test` stands in for a public host (it is our redirector).
  const guarded = () =>
    createGuardedFetch({
      allowPrivate: false,
      lookup: fakeLookup({ 'first.test': ['127.0.0.1'] }),
      allowAddress: (address, hostname) => hostname === 'first.test' || !isPrivateAddress(address),
    });

  it('follows no redirect, so a redirect to a private address never reaches it', async () => {
    const before = { target: targetHits, redirector: redirectorHits };
    const error = await guarded()(`http://first.test:${redirectorPort}/v1/models`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UrlRefusedError);
    expect(error).toMatchObject({ reason: 'redirect', message: expect.stringContaining('HTTP 302') });
    expect(redirectorHits).toBe(before.redirector + 1);
    expect(targetHits).toBe(before.target);
  });

  it('gives the SDK a refusal it reports as a non-retryable provider error', async () => {
    const before = targetHits;
    const provider = createOpenAICompatibleProvider({ label: 'custom', baseURL: `http://first.test:${redirectorPort}/v1`, fetch: guarded() });
    const error = await provider.listModels({ timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'bad_request', retryable: false });
    expect((error as Error).message).toContain('a redirect, which is not followed');
    expect(findUrlRefused(error)).toBeInstanceOf(UrlRefusedError);
    expect(targetHits).toBe(before);
  });

  it('checks the address at connect time: a name rebound to a private address is refused', async () => {
    const before = targetHits;
    const fetch = createGuardedFetch({ allowPrivate: false, lookup: fakeLookup({ 'rebind.test': ['127.0.0.1'] }) });
    const error = await fetch(`http://rebind.test:${targetPort}/v1/models`).catch((e: unknown) => e);
    expect(findUrlRefused(error)).toMatchObject({ reason: 'private_address', message: expect.stringContaining('rebind.test points to a private') });
    expect(targetHits).toBe(before);
  });

  it.each(['127.0.0.1', '[::1]', '[::ffff:127.0.0.1]'])('refuses the IP literal %s before connecting', async (host) => {
    const before = targetHits;
    const error = await createGuardedFetch({ allowPrivate: false })(`http://${host}:${targetPort}/v1/models`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UrlRefusedError);
    expect(targetHits).toBe(before);
  });

  it('connects to private addresses where they are allowed, through the SDK too', async () => {
    const fetch = createGuardedFetch({ allowPrivate: true });
    const res = await fetch(`http://127.0.0.1:${targetPort}/v1/models`);
    expect(res.status).toBe(200);
    const provider = createOpenAICompatibleProvider({ label: 'custom', baseURL: `http://localhost:${targetPort}/v1`, fetch });
    await expect(provider.listModels({ timeoutMs: 5000 })).resolves.toEqual(['internal-model']);
  });
});
