import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPrivateAddress } from '@/lib/net/ssrf';

describe('isPrivateAddress', () => {
  it.each([
    // IPv4
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['10.0.0.5', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.10', true],
    ['169.254.169.254', true], // cloud metadata
    ['100.64.0.1', true], // CGNAT
    ['100.127.255.255', true],
    ['100.128.0.1', false],
    ['0.0.0.0', true],
    ['0.1.2.3', true],
    ['224.0.0.1', true], // multicast
    ['239.255.255.250', true],
    ['255.255.255.255', true],
    ['192.0.2.1', true], // documentation
    ['198.18.0.1', true], // benchmarking
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['104.18.6.192', false],
    ['11.0.0.1', false],
    // IPv6
    ['::1', true],
    ['::', true],
    ['0:0:0:0:0:0:0:1', true],
    ['[::1]', true],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['febf::1', true],
    ['fc00::1', true],
    ['fd12:3456:789a::1', true],
    ['ff02::1', true], // multicast
    ['2001:db8::1', true], // documentation
    ['2606:4700:4700::1111', false],
    ['2001:4860:4860::8888', false],
    ['2a00:1450:4001:81c::200e', false],
    // IPv4-mapped, NAT64 and 6to4 are judged by the IPv4 address they carry
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:10.0.0.5', true],
    ['::ffff:a9fe:a9fe', true], // 169.254.169.254
    ['::ffff:0:192.168.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::10.0.0.1', true],
    ['64:ff9b::8.8.8.8', false],
    ['2002:c0a8:0101::1', true], // 6to4 of 192.168.1.1
    ['2002:0808:0808::1', false], // 6to4 of 8.8.8.8
    ['::127.0.0.1', true], // deprecated IPv4-compatible
    // Not an IP address at all: refuse rather than guess
    ['localhost', true],
    ['example.com', true],
    ['', true],
    ['999.1.1.1', true],
  ])('%s → %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});

describe('assertPublicUrl (ALLOW_PRIVATE_PROVIDER_URLS=false)', () => {
  const load = async (answers: Record<string, string[]>) => {
    vi.resetModules();
    process.env.ALLOW_PRIVATE_PROVIDER_URLS = 'false';
    const dns = (await import('node:dns')).default;
    vi.spyOn(dns.promises, 'lookup').mockImplementation((async (host: string) => {
      const found = answers[host];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    }) as never);
    return (await import('@/lib/net/ssrf')).assertPublicUrl;
  };

  afterEach(() => {
    delete process.env.ALLOW_PRIVATE_PROVIDER_URLS;
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('accepts a host that resolves only to public addresses', async () => {
    const assertPublicUrl = await load({ 'api.example.com': ['93.184.216.34', '2606:2800:220:1::1'] });
    await expect(assertPublicUrl('https://api.example.com/v1')).resolves.toBeUndefined();
  });

  it.each([
    ['http://127.0.0.1:11434/v1', '127.0.0.1'],
    ['http://[::1]:8000/v1', '::1'],
    ['http://[::ffff:127.0.0.1]/v1', '::ffff:7f00:1'],
    ['http://2130706433/v1', '127.0.0.1'], // decimal spelling, normalised by URL parsing
    ['http://169.254.169.254/latest', '169.254.169.254'],
    ['https://internal.example.com/v1', '10.0.0.5'],
    ['https://mixed.example.com/v1', '192.168.0.7'],
  ])('refuses %s naming %s', async (url, address) => {
    const assertPublicUrl = await load({ 'internal.example.com': ['10.0.0.5'], 'mixed.example.com': ['93.184.216.34', '192.168.0.7'] });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = await assertPublicUrl(url).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', status: 422 });
    expect((error as Error).message).toContain('points to a private or unresolvable address');
    expect((error as Error).message).toContain('ALLOW_PRIVATE_PROVIDER_URLS=true');
    // The address is for the operator's log, never the workspace's answer.
    if (!url.includes(address)) expect((error as Error).message).not.toContain(address);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(address));
  });

  it('answers an unresolvable name as it answers a private one, the lookup error in the log only', async () => {
    const assertPublicUrl = await load({ 'internal.example.com': ['10.0.3.4'] });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const missing = await assertPublicUrl('https://nowhere.invalid/v1').then(() => null, (e: unknown) => e as Error);
    const inside = await assertPublicUrl('https://internal.example.com/v1').then(() => null, (e: unknown) => e as Error);
    const reply = (error: Error | null, url: string) => error?.message.replace(url, '<url>');
    expect(reply(missing, 'https://nowhere.invalid/v1')).toBe(reply(inside, 'https://internal.example.com/v1'));
    expect(missing?.message).not.toMatch(/ENOTFOUND|resolved/);
    expect(inside?.message).not.toContain('10.0.3.4');
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringMatching(/nowhere\.invalid.*ENOTFOUND/),
      expect.stringMatching(/internal\.example\.com.*10\.0\.3\.4/),
    ]);
  });

  it.each([
    ['http://localhost:11434/v1', 'localhost'],
    ['http://ollama.localhost/v1', 'localhost'],
    ['ftp://api.example.com/v1', 'http or https'],
    ['file:///etc/passwd', 'http or https'],
    ['https://user:pass@api.example.com/v1', 'credentials'],
    ['not a url', 'not a valid URL'],
    ['https://nowhere.invalid/v1', 'points to a private or unresolvable address'],
  ])('refuses %s (%s)', async (url, fragment) => {
    const assertPublicUrl = await load({ 'api.example.com': ['93.184.216.34'] });
    await expect(assertPublicUrl(url)).rejects.toMatchObject({ code: 'INVALID_INPUT', status: 422, message: expect.stringContaining(fragment) });
  });
});
