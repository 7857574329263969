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
  /**
   * An experiment's hard ceiling: at most `concurrency` of the lane's messages in flight (QStash flow control keyed
   * `experiment-<key>`; locally a lane apart from the workspace lanes). Replaces fairnessKey when both are given.
   */
  lane?: { key: string; concurrency: number };
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
      lane: options.lane,
    });
    return { ...result, transport: 'local' };
  }
  const publish = qstashClient(qstash).publishJSON(qstashRequest(`${callbackBaseUrl}${job.path}`, body, options, runs.maxAttempts));
  // A hung QStash must not hold run creation: past the deadline the run stays queued and recovery re-dispatches it
  // (a publish that lands late is deduplicated by its id).
  const published = await withDeadline(publish, qstash.publishTimeoutMs);
  return { messageId: published.messageId, deduplicated: published.deduplicated ?? false, transport: 'qstash' };
}

/** One publish as QStash takes it: its flow control is the experiment's lane, else the workspace's. */
function qstashRequest(url: string, body: unknown, options: DispatchOptions, maxAttempts: number) {
  const { runs } = env();
  const flowControl = options.lane
    ? { key: `experiment-${options.lane.key}`, parallelism: options.lane.concurrency }
    : options.fairnessKey
      ? { key: `workspace-${options.fairnessKey}`, parallelism: runs.concurrencyPerWorkspace }
      : undefined;
  return {
    url,
    body,
    deduplicationId: options.deduplicationId,
    retries: maxAttempts - 1, // QStash counts retries after the first delivery
    delay: options.delaySeconds,
    ...(flowControl ? { flowControl } : {}),
  };
}

const QSTASH_BATCH_SIZE = 100;

/**
 * Hands many messages of one job over at once: QStash's batch publish (100 a request), or the local dispatcher in
 * one scheduling pass. `deduplicationId(payload)` names each message. Rejects like dispatch; a rejected batch
 * leaves its messages undispatched (recovery sends them again).
 */
export async function dispatchMany<J extends Job>(
  job: J,
  payloads: z.input<J['payload']>[],
  options: Omit<DispatchOptions, 'deduplicationId'> & { deduplicationId?: (payload: z.output<J['payload']>) => string } = {},
): Promise<number> {
  const bodies = payloads.map((payload) => job.payload.parse(payload) as z.output<J['payload']>);
  const { qstash, callbackBaseUrl, runs } = env();
  const messageOptions = (body: z.output<J['payload']>): DispatchOptions => ({ ...options, deduplicationId: options.deduplicationId?.(body) });
  if (!qstash) {
    const local = getLocalDispatcher();
    local.enqueueMany(
      bodies.map((body) => {
        const { deduplicationId, delaySeconds, fairnessKey, lane } = messageOptions(body);
        return { path: job.path, body: JSON.stringify(body), deduplicationId, delaySeconds, fairnessKey, lane };
      }),
    );
    return bodies.length;
  }
  const client = qstashClient(qstash);
  for (let i = 0; i < bodies.length; i += QSTASH_BATCH_SIZE) {
    const batch = bodies.slice(i, i + QSTASH_BATCH_SIZE).map((body) => qstashRequest(`${callbackBaseUrl}${job.path}`, body, messageOptions(body), runs.maxAttempts));
    await withDeadline(client.batchJSON(batch), qstash.publishTimeoutMs);
  }
  return bodies.length;
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
