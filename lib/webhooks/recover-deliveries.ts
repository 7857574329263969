import 'server-only';
import { listStaleDeliveries } from '@/db/queries/webhooks';
import { env } from '@/lib/env';
import { dispatch, isDispatchPending } from '@/lib/queue/dispatch';
import { webhooksJob } from '@/lib/queue/jobs';
// Registers the callback, so the local dispatcher delivers in-process.
import './webhook-job';

// A QStash message may be delayed for minutes (a scheduled retry waits up to 5, retry-policy.ts, and QStash backs
// off its own retries of a failed job); only a delivery quiet for longer is lost.
const QSTASH_QUIET_MS = 15 * 60_000;

/**
 * Re-dispatches pending deliveries whose message was lost (a restart emptied the local queue, a publish failed).
 * Part of the runs recovery sweep. Locally, deliveries the dispatcher still holds are skipped; a redundant
 * delivery is harmless anyway (the attempt is counted, receivers drop duplicates by event id).
 */
export async function recoverWebhookDeliveries({ quietForMs, limit = 100 }: { quietForMs: number; limit?: number }): Promise<number> {
  const olderThanMs = env().qstash ? Math.max(quietForMs, QSTASH_QUIET_MS) : quietForMs;
  const stale = await listStaleDeliveries({ olderThanMs, limit });
  const bucket = Math.floor(Date.now() / Math.max(olderThanMs, 1_000));
  let redispatched = 0;
  for (const { id } of stale) {
    try {
      if (isDispatchPending(webhooksJob, { deliveryId: id })) continue;
      // A fresh deduplication id per window: the original id would be suppressed as a duplicate.
      await dispatch(webhooksJob, { deliveryId: id }, { deduplicationId: `webhook-delivery-${id}:recover:${bucket}` });
      redispatched++;
    } catch (error) {
      console.error('[webhooks] recovery could not dispatch', id, error);
    }
  }
  if (redispatched > 0) console.log(`[webhooks] recovery re-dispatched ${redispatched} of ${stale.length} stale deliveries`);
  return redispatched;
}
