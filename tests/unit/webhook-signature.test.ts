import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '@/lib/webhooks/deliver';
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
  it('doubles from 1 s and stops at 5 minutes', () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([1, 2, 4, 8]);
    expect(retryDelaySeconds(20)).toBe(300);
  });
});
