import 'server-only';
import { getDeliveryForJob, recordDeliveryAttempt, startDeliveryAttempt } from '@/db/queries/webhooks';
import type { WebhookDelivery } from '@/db/schema';
import { readBodyCapped } from '@/lib/api/read-body';
import { decryptSecret } from '@/lib/crypto/secret-box';
import { env } from '@/lib/env';
import { findUrlRefused, type UrlRefusedError } from '@/lib/net/guarded-fetch';
import { dispatch } from '@/lib/queue/dispatch';
import type { JobOutcome } from '@/lib/queue/handle-job';
import { webhooksJob } from '@/lib/queue/jobs';
import { printableKey } from '@/lib/unsafe-text';
import { retryDelaySeconds } from './retry-policy';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './sign';
import { PRIVATE_WEBHOOK_HINT, webhookFetch } from './webhook-url';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of the receiver's answer the delivery log keeps. */
export const MAX_EXCERPT_BYTES = 2_048;
const MAX_ERROR_CHARS = 500;

type Attempt = { ok: boolean; retryable: boolean; responseStatus: number | null; responseExcerpt: string | null; error: string | null; durationMs: number };

/**
 * The webhooks job: one attempt at POSTing a delivery's event, recorded on its row. A 2xx is delivered; anything
 * else is tried again after retryDelaySeconds, as a new delayed message (so neither the queue's own retry limit nor
 * its backoff applies), until WEBHOOK_MAX_ATTEMPTS, then failed. A refused address or a redirect fails at once:
 * the next attempt would be refused the same way.
 */
export async function deliverWebhook({ deliveryId }: { deliveryId: string }): Promise<JobOutcome> {
  const found = await getDeliveryForJob({ id: deliveryId });
  if (!found) return { status: 'done', ignored: 'no such delivery (its webhook was deleted)' };
  const { delivery, webhook } = found;
  if (delivery.status !== 'pending') return { status: 'duplicate' };
  const { maxAttempts } = env().webhooks;
  // Bounded even when recording an attempt keeps failing (the job errs, the queue and the recovery sweep resend).
  const attempt = await startDeliveryAttempt({ id: delivery.id, maxAttempts });
  if (attempt === null) return { status: 'duplicate' };
  if (attempt === 'exhausted') return { status: 'done', delivery: 'failed', attempts: maxAttempts };

  const result =
    webhook.enabled || delivery.payload.test === true
      ? await post({ url: webhook.url, encryptedSecret: webhook.encryptedSecret, delivery })
      : { ok: false, retryable: false, responseStatus: null, responseExcerpt: null, error: 'the webhook was disabled before this event was sent', durationMs: 0 };
  const status = result.ok ? 'delivered' : !result.retryable || attempt >= maxAttempts ? 'failed' : 'pending';
  await recordDeliveryAttempt({ id: delivery.id, status, ...result });
  if (status === 'pending') return scheduleRetry(delivery.id, attempt);
  if (status === 'failed') console.warn(`[webhooks] delivery ${delivery.id} (${delivery.event}) failed after ${attempt} attempt(s): ${result.error ?? `HTTP ${result.responseStatus}`}`);
  return { status: 'done', delivery: status, attempts: attempt };
}

async function scheduleRetry(deliveryId: string, attempt: number): Promise<JobOutcome> {
  const delaySeconds = retryDelaySeconds(attempt);
  try {
    await dispatch(webhooksJob, { deliveryId }, { delaySeconds, deduplicationId: `webhook-delivery-${deliveryId}:attempt-${attempt + 1}` });
    return { status: 'done', delivery: 'pending', attempts: attempt, retryInSeconds: delaySeconds };
  } catch (error) {
    // The queue retries this message instead (and the recovery sweep resends a delivery left quiet).
    console.error(`[webhooks] could not schedule the next attempt of delivery ${deliveryId}`, error);
    return { status: 'retry', retryAfterSeconds: delaySeconds };
  }
}

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
    const response = await webhookFetch()(url, { method: 'POST', headers, body, signal });
    const excerpt = await readExcerpt(response).catch(() => null);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, retryable: !ok, responseStatus: response.status, responseExcerpt: excerpt, error: ok ? null : `the receiver answered HTTP ${response.status}`, durationMs: elapsed() };
  } catch (error) {
    const refused = findUrlRefused(error);
    const message = refused
      ? refusedMessage(refused, url)
      : signal.aborted
        ? `the receiver did not answer within ${DELIVERY_TIMEOUT_MS / 1000} s`
        : `the receiver could not be reached: ${describe(error)}`;
    return { ok: false, retryable: !refused, responseStatus: null, responseExcerpt: null, error: storable(message).slice(0, MAX_ERROR_CHARS), durationMs: elapsed() };
  }
}

/** The guarded fetch speaks of provider base URLs; the log speaks of the webhook URL. */
function refusedMessage(refused: UrlRefusedError, url: string): string {
  if (refused.reason === 'redirect') {
    const status = /HTTP (\d{3})/.exec(refused.message)?.[1] ?? '3xx';
    return `the receiver answered HTTP ${status}, a redirect, which is not followed: use the address it redirects to as the webhook URL`;
  }
  return `the webhook URL's host ${new URL(url).hostname} points to a private, link-local or unresolvable address: connections there are refused (${PRIVATE_WEBHOOK_HINT})`;
}

const TEXT_TYPE = /^(text\/|application\/([\w.+-]+\+)?(json|xml|x-www-form-urlencoded|javascript)\b)/i;

/** The first MAX_EXCERPT_BYTES of the answer, as text PostgreSQL can store; a binary answer is only described. */
async function readExcerpt(response: Response): Promise<string> {
  const type = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  if (type && !TEXT_TYPE.test(type)) {
    await response.body?.cancel().catch(() => {});
    return `(binary answer, ${type}, not shown)`;
  }
  return storable((await readBodyCapped(response, MAX_EXCERPT_BYTES, { truncate: true })) ?? '');
}

/** A receiver's text may hold NUL (PostgreSQL refuses it in text columns): shown as U+FFFD, like lib/unsafe-text's keys. */
const storable = printableKey;

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}
