import { Client } from '@upstash/qstash';
import type { z } from 'zod';
import { env } from '../env';
import type { Job } from './jobs';
import { getLocalDispatcher } from './local-dispatcher';

export type DispatchOptions = {
  /** QStash (and the local dispatcher) deliver a message with the same id only once within 10 minutes. */
  deduplicationId?: string;
  delaySeconds?: number;
};

export type DispatchResult = { messageId: string; deduplicated: boolean; transport: 'qstash' | 'local' };

const DEFAULT_QSTASH_URL = 'https://qstash.upstash.io';

let client: { config: NonNullable<ReturnType<typeof env>['qstash']>; instance: Client } | undefined;

/**
 * Hands a job to QStash when it is configured, else to the in-process local dispatcher; both POST the same
 * signed body to `${callbackBaseUrl}${job.path}` with `maxAttempts` deliveries at most.
 * Rejects when the payload fails the job's schema or QStash refuses the publish (after the client's own
 * retries); the local path never rejects.
 */
export async function dispatch<J extends Job>(
  job: J,
  payload: z.input<J['payload']>,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const body = job.payload.parse(payload);
  const { qstash, callbackBaseUrl, runs } = env();
  if (!qstash) {
    const result = getLocalDispatcher().enqueue({
      path: job.path,
      body: JSON.stringify(body),
      deduplicationId: options.deduplicationId,
      delaySeconds: options.delaySeconds,
    });
    return { ...result, transport: 'local' };
  }
  const published = await qstashClient(qstash).publishJSON({
    url: `${callbackBaseUrl}${job.path}`,
    body,
    deduplicationId: options.deduplicationId,
    retries: runs.maxAttempts - 1, // QStash counts retries after the first delivery
    delay: options.delaySeconds,
  });
  return { messageId: published.messageId, deduplicated: published.deduplicated ?? false, transport: 'qstash' };
}

function qstashClient(config: NonNullable<ReturnType<typeof env>['qstash']>): Client {
  if (client?.config !== config) {
    // Everything passed explicitly: left out, the client falls back to process.env (QSTASH_URL, QSTASH_REGION,
    // QSTASH_DEV, which would start a downloaded dev server).
    client = { config, instance: new Client({ token: config.token, baseUrl: config.url ?? DEFAULT_QSTASH_URL, devMode: false }) };
  }
  return client.instance;
}
