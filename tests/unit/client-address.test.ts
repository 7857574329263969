import { describe, expect, it } from 'vitest';
import { addressBucket } from '@/lib/auth/client-address';

describe('addressBucket', () => {
  it('keys IPv4 addresses as they are, IPv4-mapped IPv6 included', () => {
    expect(addressBucket('203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('keys IPv6 addresses by their /64, however they are written', () => {
    const bucket = '2001:db8:85a3:8d3::/64';
    for (const address of ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:0DB8:85A3:08D3::1', '2001:db8:85a3:8d3:ffff::', '2001:db8:85a3:8d3::2%eth0']) {
      expect(addressBucket(address), address).toBe(bucket);
    }
    expect(addressBucket('2001:db8:85a3:8d4::1')).not.toBe(bucket);
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::a:b:c:d:e:1.2.3.4')).toBe('0:a:b:c::/64');
  });

  it('treats anything that is not an address as unknown', () => {
    for (const value of ['', 'unknown', 'evil.example', '1.2.3', '203.0.113.9:443', '<script>']) expect(addressBucket(value), value).toBeNull();
  });
});
