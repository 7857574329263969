import 'server-only';
import net from 'node:net';

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4'); // also matches the IPv4-mapped form ::ffff:127.x.x.x
loopback.addAddress('::1', 'ipv6');

/** True for `localhost` (and `*.localhost`), 127.0.0.0/8 and ::1, in any spelling URL parsing produces. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.trim().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = net.isIP(host);
  if (family === 4) return loopback.check(host, 'ipv4');
  if (family === 6) return loopback.check(host, 'ipv6');
  return false;
}

/**
 * Whether provider base URLs chosen by a workspace may point at private and loopback addresses.
 * ALLOW_PRIVATE_PROVIDER_URLS decides when set; otherwise only a local instance allows them: not on Vercel, and
 * no APP_URL or a loopback one. Anyone who can sign up to a reachable instance could otherwise make the server
 * call its own network.
 */
export function privateProviderUrlsAllowed(settings: { setting: boolean | undefined; deployed: boolean; appUrl: string | undefined }): boolean {
  if (settings.setting !== undefined) return settings.setting;
  if (settings.deployed) return false;
  if (!settings.appUrl) return true;
  try {
    return isLoopbackHost(new URL(settings.appUrl).hostname);
  } catch {
    return false;
  }
}
