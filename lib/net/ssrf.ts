import 'server-only';
import dns from 'node:dns';
import net from 'node:net';
import { ApiError } from '../api/errors';
import { env } from '../env';

// Not reachable on the public internet: private, loopback, link-local (cloud metadata), CGNAT, reserved, multicast.
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // "this network", includes the unspecified address
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, where cloud metadata services live
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];

const V6_BLOCKED: [string, number][] = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible range
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blocked = new net.BlockList();
for (const [prefix, bits] of V4_BLOCKED) blocked.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of V6_BLOCKED) blocked.addSubnet(prefix, bits, 'ipv6');

/** Expands an IPv6 address (with or without an embedded dotted IPv4 tail) into its eight 16-bit groups. */
function ipv6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase().split('%')[0]!; // drop a zone id (fe80::1%eth0)
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const octets = dotted[1]!.split('.').map(Number);
    const hi = ((octets[0]! << 8) | octets[1]!).toString(16);
    const lo = ((octets[2]! << 8) | octets[3]!).toString(16);
    text = `${text.slice(0, -dotted[1]!.length)}${hi}:${lo}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const v4FromGroups = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/** The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4), which is what the packets finally reach. */
function embeddedIpv4(groups: number[]): string | null {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return v4FromGroups(g6, g7); // ::ffff:a.b.c.d
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) return v4FromGroups(g6, g7); // ::ffff:0:a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4FromGroups(g6, g7); // NAT64
  if (g0 === 0x2002) return v4FromGroups(g1, g2); // 6to4
  return null;
}

/**
 * True when the address is not a public unicast address: private, loopback, link-local, unique-local, CGNAT,
 * unspecified, multicast or reserved, IPv4 or IPv6 (IPv4-mapped and NAT64 forms are judged by their IPv4 part).
 * Anything that does not parse as an IP address counts as private.
 */
export function isPrivateAddress(ip: string): boolean {
  const address = ip.trim().replace(/^\[(.*)\]$/, '$1');
  const family = net.isIP(address.split('%')[0]!);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const groups = ipv6Groups(address);
  if (!groups) return true;
  const v4 = embeddedIpv4(groups);
  if (v4) return blocked.check(v4, 'ipv4');
  return blocked.check(groups.map((g) => g.toString(16)).join(':'), 'ipv6');
}

// The reason lets a run that meets it fail at once as URL_REFUSED rather than be retried.
const invalid = (message: string) =>
  new ApiError('INVALID_INPUT', message, { fields: [{ path: 'baseUrl', message }], details: { reason: 'URL_REFUSED' } });
const allowHint = 'set ALLOW_PRIVATE_PROVIDER_URLS=true to allow it';

/**
 * One answer whatever the lookup found, so a workspace cannot use the check to learn the internal DNS (which
 * names exist, where they point); the detail goes to the server log only.
 */
function privateOrUnresolvable(url: string, host: string, detail: string): ApiError {
  console.warn(`[ssrf] refused provider host ${host}: ${detail}`);
  return invalid(`base URL \`${url}\` points to a private or unresolvable address; ${allowHint}`);
}

/**
 * Refuses a provider base URL that is not http(s) or that points into a private network (unless the instance
 * allows it: see privateProviderUrlsAllowed), so a workspace cannot steer the server at its own network or cloud
 * metadata.
 * Checked when the URL is saved, tested and used, to answer early with a clear 422; the guarded fetch
 * (guarded-fetch.ts) checks again the address actually connected to, so rebinding and redirects are covered too.
 */
export async function assertPublicUrl(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(`base URL \`${url}\` is not a valid URL: use a full URL such as https://api.example.com/v1`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalid(`base URL \`${url}\` must use http or https, not ${parsed.protocol.replace(/:$/, '')}`);
  }
  if (parsed.username || parsed.password) {
    throw invalid(`base URL \`${url}\` must not contain credentials: put the key in the API key field`);
  }
  if (env().allowPrivateProviderUrls) return;

  // WHATWG URL parsing already normalises odd IPv4 spellings (0x7f.1, 2130706433) to dotted form.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    throw invalid(`base URL \`${url}\` points at localhost; ${allowHint}`);
  }
  let addresses: string[];
  if (net.isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch (error) {
      throw privateOrUnresolvable(url, host, `lookup failed (${(error as NodeJS.ErrnoException).code ?? 'no code'})`);
    }
  }
  const inside = addresses.find(isPrivateAddress);
  if (inside !== undefined || addresses.length === 0) {
    throw privateOrUnresolvable(url, host, inside === undefined ? 'no address' : `resolves to ${inside}, a private address`);
  }
}
