import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'PromptLab-Signature';
export const EVENT_HEADER = 'PromptLab-Event';
export const DELIVERY_HEADER = 'PromptLab-Delivery';
/** How old a signature a receiver should accept (replay window), in seconds. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256 of `${timestamp}.${body}` under the webhook's secret. */
export function webhookSignature({ secret, timestamp, body }: { secret: string; timestamp: number; body: string }): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The PromptLab-Signature header value for one delivery attempt. */
export function signatureHeader({ secret, timestamp, body }: { secret: string; timestamp: number; body: string }): string {
  return `t=${timestamp},v1=${webhookSignature({ secret, timestamp, body })}`;
}

/**
 * What a receiver does (and the tests): parse the header, recompute over the raw body, compare in constant time,
 * refuse a timestamp outside the tolerance. Any `v1` may match (several appear while a secret rotates).
 */
export function verifyWebhookSignature(args: { secret: string; header: string | null; body: string; nowSeconds?: number; toleranceSeconds?: number }): boolean {
  if (!args.header) return false;
  const parts = args.header.split(',').map((part) => part.trim().split('=') as [string, string?]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = args.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (args.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(webhookSignature({ secret: args.secret, timestamp: t, body: args.body }), 'hex');
  return parts.some(([k, v]) => k === 'v1' && !!v && /^[0-9a-f]{64}$/.test(v) && timingSafeEqual(Buffer.from(v, 'hex'), expected));
}
