import 'server-only';
import dns from 'node:dns';
import net from 'node:net';
import { ApiError } from '@/lib/api/errors';
import { env } from '@/lib/env';
import { createGuardedFetch, type AddressPolicy } from '@/lib/net/guarded-fetch';
import { isPrivateAddress } from '@/lib/net/ssrf';

// Link-local (169.254.0.0/16, fe80::/10) is where cloud metadata services answer: never a webhook receiver, and
// the delivery log would show its answer to the workspace's admins.
const linkLocal = new net.BlockList();
linkLocal.addSubnet('169.254.0.0', 16, 'ipv4');
linkLocal.addSubnet('fe80::', 10, 'ipv6');

/** True for a link-local address, IPv4 (also IPv4-mapped, ::ffff:169.254.x.x) or IPv6. */
export function isLinkLocalAddress(ip: string): boolean {
  const address = ip.trim().replace(/^\[(.*)\]$/, '$1').split('%')[0]!;
  const family = net.isIP(address);
  if (family === 4) return linkLocal.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? linkLocal.check(mapped[1]!, 'ipv4') : linkLocal.check(address, 'ipv6');
}

/** Where a webhook may connect: never link-local; private addresses only with ALLOW_PRIVATE_WEBHOOK_URLS. */
export function webhookAddressAllowed(address: string, allowPrivate: boolean): boolean {
  if (isLinkLocalAddress(address)) return false;
  return allowPrivate || !isPrivateAddress(address);
}

export const PRIVATE_WEBHOOK_HINT =
  'set ALLOW_PRIVATE_WEBHOOK_URLS=true to allow private addresses; link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10) are always refused';

const fetches = new Map<boolean, typeof globalThis.fetch>();

/** The guarded fetch for deliveries (connect-time address checks, no redirects), one connection pool per policy. */
export function webhookFetch(): typeof globalThis.fetch {
  const allowPrivate = env().webhooks.allowPrivateUrls;
  let fetch = fetches.get(allowPrivate);
  if (!fetch) {
    const allowAddress: AddressPolicy = (address) => webhookAddressAllowed(address, allowPrivate);
    fetch = createGuardedFetch({ allowPrivate, allowAddress });
    fetches.set(allowPrivate, fetch);
  }
  return fetch;
}

const refused = (message: string) => new ApiError('INVALID_INPUT', `\`url\`: ${message}`, { fields: [{ path: 'url', message }] });

/**
 * An early, clear 422 for a webhook URL that points where deliveries may not go; the delivery's guarded fetch
 * checks again the address it connects to (rebinding). One answer whatever the lookup found, so the check does
 * not reveal the internal DNS; the detail goes to the server log.
 */
export async function assertWebhookUrl(url: string): Promise<void> {
  // The schema already took an http(s) URL without credentials.
  const parsed = new URL(url);
  const allowPrivate = env().webhooks.allowPrivateUrls;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) throw refused(`points at localhost; ${PRIVATE_WEBHOOK_HINT}`);
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch (error) {
      // A local instance may name a receiver that resolves later (docker compose); the connect-time check still holds.
      if (allowPrivate) return;
      console.warn(`[ssrf] refused webhook host ${host}: lookup failed (${(error as NodeJS.ErrnoException).code ?? 'no code'})`);
      throw refused(`points to a private or unresolvable address; ${PRIVATE_WEBHOOK_HINT}`);
    }
  }
  const inside = addresses.find((address) => !webhookAddressAllowed(address, allowPrivate));
  if (inside !== undefined || addresses.length === 0) {
    console.warn(`[ssrf] refused webhook host ${host}: ${inside === undefined ? 'no address' : `resolves to ${inside}`}`);
    throw refused(`points to a ${allowPrivate ? 'link-local' : 'private, link-local'} or unresolvable address; ${PRIVATE_WEBHOOK_HINT}`);
  }
}
