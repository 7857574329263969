import 'server-only';
import { getDeliveryForJob, recordDeliveryAttempt, startDeliveryAttempt } from '@/db/queries/webhooks';
import type { WebhookDelivery } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { env } from '@/lib/env';
import { findUrlRefused, providerFetch } from '@/lib/net/guarded-fetch';
import type { JobOutcome } from '@/lib/queue/handle-job';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './sign';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of the receiver's answer the delivery log keeps. */
export const MAX_EXCERPT_BYTES = 2_048;
const MAX_ERROR_CHARS = 500;

type Attempt = { ok: boolean; retryable: boolean; responseStatus: number | null; responseExcerpt: string | null; error: string | null; durationMs: number };

/**
 * The webhooks job: one attempt at POSTing a delivery's event, recorded on its row. A 2xx is delivered; anything
 * else is retried through the queue (Retry-After backs off) until the queue's last attempt, then failed. A refused
 * address or a redirect fails at once: the next attempt would be refused the same way.
 */
export async function deliverWebhook({ deliveryId }: { deliveryId: string }): Promise<JobOutcome> {
  const found = await getDeliveryForJob({ id: deliveryId });
  if (!found) return { status: 'done', ignored: 'no such delivery (its webhook was deleted)' };
  const { delivery, webhook } = found;
  if (delivery.status !== 'pending') return { status: 'duplicate' };
  const attempt = await startDeliveryAttempt({ id: delivery.id });
  if (attempt === null) return { status: 'duplicate' };

  const result =
    webhook.enabled || delivery.payload.test === true
      ? await post({ url: webhook.url, encryptedSecret: webhook.encryptedSecret, delivery })
      : { ok: false, retryable: false, responseStatus: null, responseExcerpt: null, error: 'the webhook was disabled before this event was sent', durationMs: 0 };
  // The queue's delivery limit (RUN_MAX_ATTEMPTS): the row's last attempt is the queue's last.
  const last = attempt >= env().runs.maxAttempts;
  const status = result.ok ? 'delivered' : !result.retryable || last ? 'failed' : 'pending';
  await recordDeliveryAttempt({ id: delivery.id, status, ...result });
  if (status === 'pending') return { status: 'retry', retryAfterSeconds: retryDelaySeconds(attempt) };
  if (status === 'failed') console.warn(`[webhooks] delivery ${delivery.id} (${delivery.event}) failed after ${attempt} attempt(s): ${result.error ?? `HTTP ${result.responseStatus}`}`);
  return { status: 'done', delivery: status, attempts: attempt };
}

/** Seconds before attempt n + 1: 1, 2, 4 … up to 5 minutes. */
export const retryDelaySeconds = (attempt: number) => Math.min(300, 2 ** Math.max(0, attempt - 1));

async function post({ url, encryptedSecret, delivery }: { url: string; encryptedSecret: string; delivery: WebhookDelivery }): Promise<Attempt> {
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'PromptLab-Webhooks/1',
    [EVENT_HEADER]: delivery.event,
    [DELIVERY_HEADER]: delivery.id,
    [SIGNATURE_HEADER]: signatureHeader({ secret: decryptSecret(encryptedSecret), timestamp, body }),
  };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(DELIVERY_TIMEOUT_MS);
  try {
    // The guarded fetch checks the address it connects to (rebinding included) and follows no redirect.
    const response = await providerFetch()(url, { method: 'POST', headers, body, signal });
    const excerpt = await readExcerpt(response).catch(() => null);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, retryable: !ok, responseStatus: response.status, responseExcerpt: excerpt, error: ok ? null : `the receiver answered HTTP ${response.status}`, durationMs: elapsed() };
  } catch (error) {
    const refused = findUrlRefused(error);
    const message = refused
      ? refused.message
      : signal.aborted
        ? `the receiver did not answer within ${DELIVERY_TIMEOUT_MS / 1000} s`
        : `the receiver could not be reached: ${describe(error)}`;
    return { ok: false, retryable: !refused, responseStatus: null, responseExcerpt: null, error: message.slice(0, MAX_ERROR_CHARS), durationMs: elapsed() };
  }
}

/** The first MAX_EXCERPT_BYTES of the answer; the rest is not read. */
async function readExcerpt(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  // A multi-byte character cut at the cap decodes as U+FFFD, which is fine for a log.
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, MAX_EXCERPT_BYTES));
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}
