import 'server-only';
import { Client } from '@upstash/qstash';
import type { z } from 'zod';
import { env } from '../env';
import type { Job } from './jobs';
import { getLocalDispatcher } from './local-dispatcher';

export type DispatchOptions = {
  /** QStash (and the local dispatcher) deliver a message with the same id only once within 10 minutes. */
  deduplicationId?: string;
  delaySeconds?: number;
  /**
   * Messages with the same key (a workspace id) take turns: at most RUN_CONCURRENCY_PER_WORKSPACE in flight, on the
   * local dispatcher and through QStash flow control alike.
   */
  fairnessKey?: string;
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
      fairnessKey: options.fairnessKey,
    });
    return { ...result, transport: 'local' };
  }
  const publish = qstashClient(qstash).publishJSON({
    url: `${callbackBaseUrl}${job.path}`,
    body,
    deduplicationId: options.deduplicationId,
    retries: runs.maxAttempts - 1, // QStash counts retries after the first delivery
    delay: options.delaySeconds,
    ...(options.fairnessKey ? { flowControl: { key: `workspace-${options.fairnessKey}`, parallelism: runs.concurrencyPerWorkspace } } : {}),
  });
  // A hung QStash must not hold run creation: past the deadline the run stays queued and recovery re-dispatches it
  // (a publish that lands late is deduplicated by its id).
  const published = await withDeadline(publish, qstash.publishTimeoutMs);
  return { messageId: published.messageId, deduplicated: published.deduplicated ?? false, transport: 'qstash' };
}

/**
 * Whether this job with this payload is already on its way through the local dispatcher (pending, retrying or in
 * flight), so recovery need not send it again. Always false with QStash, which deduplicates by id instead.
 */
export function isDispatchPending<J extends Job>(job: J, payload: z.input<J['payload']>): boolean {
  if (env().qstash) return false;
  return getLocalDispatcher().holds(job.path, JSON.stringify(job.payload.parse(payload)));
}

/** The QStash client for the configured token (QStash must be configured). */
export function qstashClient(config: NonNullable<ReturnType<typeof env>['qstash']>): Client {
  if (client?.config !== config) {
    // Everything passed explicitly: left out, the client falls back to process.env (QSTASH_URL, QSTASH_REGION,
    // QSTASH_DEV, which would start a downloaded dev server).
    // enableTelemetry: false – PromptLab sends nothing about itself anywhere, SDK version headers included.
    client = {
      config,
      // One quick retry: the default five (about 4 s of backoff) would hold run creation; recovery is the long-term net.
      instance: new Client({ token: config.token, baseUrl: config.url ?? DEFAULT_QSTASH_URL, devMode: false, enableTelemetry: false, retry: { retries: 1, backoff: () => 200 } }),
    };
  }
  return client.instance;
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`QStash did not accept the message within ${ms} ms (QSTASH_PUBLISH_TIMEOUT_MS)`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
