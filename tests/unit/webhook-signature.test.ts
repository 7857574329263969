import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '@/lib/webhooks/retry-policy';
import { createWebhookSchema, updateWebhookSchema } from '@/lib/webhooks/schemas';
import { signatureHeader, verifyWebhookSignature, webhookSignature } from '@/lib/webhooks/sign';

// Computed independently:
//   printf '%s' '1767225600.{"id":"evt_1","type":"ping"}' | openssl dgst -sha256 -hmac 'whsec_test_secret'
const SECRET = 'whsec_test_secret';
const T = 1767225600;
const BODY = '{"id":"evt_1","type":"ping"}';
const OPENSSL_HEX = 'ba16994fb8a72dbc6df45b1b545359e2b21f555ba71a5043e3c33a6c494c6ce3';

describe('webhook signature', () => {
  it('is the HMAC-SHA256 of "<t>.<body>" that openssl computes', () => {
    expect(webhookSignature({ secret: SECRET, timestamp: T, body: BODY })).toBe(OPENSSL_HEX);
    expect(signatureHeader({ secret: SECRET, timestamp: T, body: BODY })).toBe(`t=${T},v1=${OPENSSL_HEX}`);
  });

  it('verifies the header within the tolerance and refuses anything changed', () => {
    const header = `t=${T},v1=${OPENSSL_HEX}`;
    expect(verifyWebhookSignature({ secret: SECRET, header, body: BODY, nowSeconds: T + 10 })).toBe(true);
    expect(verifyWebhookSignature({ secret: SECRET, header, body: `${BODY} `, nowSeconds: T })).toBe(false);
    expect(verifyWebhookSignature({ secret: 'whsec_other', header, body: BODY, nowSeconds: T })).toBe(false);
    expect(verifyWebhookSignature({ secret: SECRET, header: `t=${T + 1},v1=${OPENSSL_HEX}`, body: BODY, nowSeconds: T })).toBe(false);
    // A replay after the tolerance (5 minutes) is refused.
    expect(verifyWebhookSignature({ secret: SECRET, header, body: BODY, nowSeconds: T + 301 })).toBe(false);
    expect(verifyWebhookSignature({ secret: SECRET, header: null, body: BODY })).toBe(false);
    expect(verifyWebhookSignature({ secret: SECRET, header: 'v1=zz', body: BODY, nowSeconds: T })).toBe(false);
    // During a rotation several v1 values may appear: one match is enough.
    expect(verifyWebhookSignature({ secret: SECRET, header: `t=${T},v1=${'0'.repeat(64)},v1=${OPENSSL_HEX}`, body: BODY, nowSeconds: T })).toBe(true);
  });
});

describe('webhook schemas', () => {
  const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((i) => i.path.join('.'));

  it('takes an http(s) URL, a subset of the events and a description', () => {
    expect(createWebhookSchema.parse({ url: ' https://example.com/hook ', events: ['version.created'] })).toEqual({ url: 'https://example.com/hook', events: ['version.created'] });
  });

  it('names the field that is wrong', () => {
    expect(fieldsOf(createWebhookSchema.safeParse({ url: 'ftp://example.com', events: ['version.created'] }))).toEqual(['url']);
    expect(fieldsOf(createWebhookSchema.safeParse({ url: 'https://u:p@example.com', events: ['version.created'] }))).toEqual(['url']);
    expect(fieldsOf(createWebhookSchema.safeParse({ url: `https://example.com/${'a'.repeat(2_000)}`, events: ['version.created'] }))).toEqual(['url']);
    expect(fieldsOf(createWebhookSchema.safeParse({ url: 'https://example.com', events: [] }))).toEqual(['events']);
    expect(fieldsOf(createWebhookSchema.safeParse({ url: 'https://example.com', events: ['run.finished'] }))).toEqual(['events.0']);
    expect(fieldsOf(createWebhookSchema.safeParse({ url: 'https://example.com', events: ['label.moved', 'label.moved'] }))).toEqual(['events']);
    expect(fieldsOf(createWebhookSchema.safeParse({ url: 'https://example.com', events: ['label.moved'], description: 'x'.repeat(501) }))).toEqual(['description']);
    expect(updateWebhookSchema.safeParse({}).success).toBe(false);
  });
});

describe('retry delay', () => {
  it('doubles from 5 s and stops at 5 minutes: the default 8 attempts span about 10 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelaySeconds)).toEqual([5, 10, 20, 40, 80, 160, 300]);
    expect(retryDelaySeconds(20)).toBe(300);
    // Waits between the 8 attempts of WEBHOOK_MAX_ATTEMPTS' default: long enough to outlast a receiver's restart.
    const total = [1, 2, 3, 4, 5, 6, 7].reduce((sum, n) => sum + retryDelaySeconds(n), 0);
    expect(total).toBeGreaterThan(5 * 60);
    expect(total).toBeLessThan(15 * 60);
  });
});

describe('webhook address policy', () => {
  it('always refuses link-local and metadata addresses, and private ones unless allowed', async () => {
    const { webhookAddressAllowed } = await import('@/lib/webhooks/webhook-url');
    for (const address of ['169.254.169.254', '169.254.0.1', 'fe80::1', 'fe80::1%eth0', '::ffff:169.254.169.254', 'febf::1']) {
      expect(webhookAddressAllowed(address, true), address).toBe(false);
      expect(webhookAddressAllowed(address, false), address).toBe(false);
    }
    for (const address of ['127.0.0.1', '10.0.0.5', '192.168.1.2', '::1', 'fd00::1']) {
      expect(webhookAddressAllowed(address, true), address).toBe(true);
      expect(webhookAddressAllowed(address, false), address).toBe(false);
    }
    expect(webhookAddressAllowed('93.184.216.34', false)).toBe(true);
    expect(webhookAddressAllowed('2606:2800:220:1:248:1893:25c8:1946', false)).toBe(true);
  });
});
