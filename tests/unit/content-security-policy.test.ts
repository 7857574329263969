import { describe, expect, it } from 'vitest';
import { newNonce, pageContentSecurityPolicy } from '@/lib/security/content-security-policy';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('the pages’ Content-Security-Policy', () => {
  it('lets scripts run only with the nonce, and nothing frame the app', () => {
    const policy = directives(pageContentSecurityPolicy('abc123', { development: false }));
    expect(policy['script-src']).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'self'"]);
    expect(policy['default-src']).toEqual(["'self'"]);
  });

  it("allows 'unsafe-eval' in development only", () => {
    expect(pageContentSecurityPolicy('n', { development: true })).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy('n', { development: false })).not.toContain('unsafe-eval');
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
