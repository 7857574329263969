import 'server-only';
import { isIP } from 'node:net';
import { env } from '../env';

/**
 * The caller's address for per-address limits, or null when it cannot be known.
 * Forwarded headers are believed only with TRUST_PROXY_HEADERS (on by default on Vercel, whose edge overwrites
 * them): without a proxy that sets them a client writes whatever it likes there. Next.js does not expose the
 * socket's address to route handlers (it copies it into X-Forwarded-For only when the client sent none, so the
 * two cannot be told apart); untrusted therefore means unknown, and callers skip per-address limits (one bucket
 * shared by every client would let anyone lock everyone out).
 */
export function clientAddress(request: Request): string | null {
  if (!env().trustProxyHeaders) return null;
  // The last entry is the one the proxy in front of us saw; earlier ones are whatever the client sent it.
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').map((part) => part.trim()).filter(Boolean).at(-1);
  const address = forwarded ?? request.headers.get('x-real-ip')?.trim();
  return address ? addressBucket(address) : null;
}

/**
 * One key per client: an IPv4 address as is (IPv4-mapped IPv6 too), an IPv6 address by its /64, since anyone
 * with one IPv6 address can use the 2^64 around it. Anything that is not an IP address is unknown.
 */
export function addressBucket(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  const kind = isIP(address);
  if (kind === 4) return address;
  if (kind !== 6) return null;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const withoutZone = address.split('%')[0]!;
  // An embedded IPv4 tail (64:ff9b::1.2.3.4) is two groups.
  const hex = withoutZone.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [((+a << 8) | +b).toString(16), ((+c << 8) | +d).toString(16)].join(':'),
  );
  const [head = '', tail] = hex.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
