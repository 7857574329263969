import 'server-only';
import { randomUUID } from 'node:crypto';
import { env } from '../env';
import { defaultBackoff, isRetryableStatus, parseRetryAfter } from './backoff';
import { createFairQueue } from './fair-queue';
import { jobHandlerFor, type JobRequestHandler } from './job-registry';
import { postSigned } from './post-signed';
import { signQStashMessage } from './sign';
import { getSigningKeys } from './signing-keys';

/*
 * QStash's stand-in on a machine without it: delivers the same signed POST to the same callback path from
 * inside the server process, with QStash-like retries, backoff and deduplication. When this process has the
 * callback's handler (lib/queue/job-registry.ts), the signed Request is handed to it directly, skipping HTTP and
 * Next.js routing but not the signature check; otherwise it goes over HTTP to this server's own address. Either
 * way it is signed for the public URL the callback verifies against. Messages with a fairness key (a
 * workspace) take turns, at most `concurrencyPerKey` of a key in flight, so one tenant cannot hold every slot.
 * The queue lives in memory only: a crash or restart loses pending deliveries. That is accepted because
 * the recovery cron re-dispatches runs left queued, exactly as it does for messages QStash gave up on.
 */

export type LocalMessage = {
  /** The callback path, e.g. /api/queue/runs; delivered to `${baseUrl}${path}`. */
  path: string;
  /** Messages with the same key (a workspace id) share one lane; a keyless message is limited by `concurrency` only. */
  fairnessKey?: string;
  /**
   * An experiment's lane: at most `concurrency` of its messages in flight. Lanes share their own pool
   * (`laneConcurrency`), apart from `concurrency`, so an experiment neither is capped by it nor starves other runs.
   */
  lane?: { key: string; concurrency: number };
  /** The exact bytes sent and signed (JSON). */
  body: string;
  /** Another message with the same id within 10 minutes is not delivered again. */
  deduplicationId?: string;
  delaySeconds?: number;
  /** Deliveries in all, the first included; defaults to the dispatcher's. */
  maxAttempts?: number;
};

export type EnqueueResult = { messageId: string; deduplicated: boolean };

export type LocalDispatcherStats = {
  pending: number;
  inFlight: number;
  delivered: number;
  retried: number;
  dropped: number;
  deduplicated: number;
};

export type LocalDispatcher = {
  /** Queues a delivery and returns at once; never throws. */
  enqueue(message: LocalMessage): EnqueueResult;
  /** Queues many deliveries at once (one scheduling pass); never throws. */
  enqueueMany(messages: LocalMessage[]): EnqueueResult[];
  /** Resolves when nothing is pending or in flight (delayed and retrying messages included). */
  drain(): Promise<void>;
  /** Whether a message with this path and body is pending, waiting to retry or in flight. */
  holds(path: string, body: string): boolean;
  stats(): LocalDispatcherStats;
};

export type LocalDispatcherOptions = {
  /** Where deliveries go: this server's own address. */
  baseUrl: string;
  /** What the signature names as the destination (`sub`), the URL the callback verifies; defaults to baseUrl. */
  signedBaseUrl?: string;
  maxAttempts: number;
  fetch?: typeof fetch;
  /** The handler to call in-process for a path, instead of fetch; undefined sends that path over HTTP. */
  inProcess?: (path: string) => JobRequestHandler | undefined;
  now?: () => number;
  sign?: (input: { url: string; body: string }) => string | Promise<string>;
  /** Milliseconds to wait before retry number `retried` (1 for the first retry). */
  backoff?: (retried: number) => number;
  /** Deliveries in flight at once, in all and for one fairness key. */
  concurrency?: number;
  concurrencyPerKey?: number;
  /** Deliveries of laned messages (experiments) in flight at once, all lanes together. */
  laneConcurrency?: number;
  maxPending?: number;
  timeoutMs?: number;
  logger?: Pick<Console, 'warn'>;
};

const DEDUP_WINDOW_MS = 10 * 60_000;
const MAX_DEDUP_ENTRIES = 100_000;
// A callback asking for a very long Retry-After would pin the message in memory; the recovery cron is the long-term net.
const MAX_RETRY_DELAY_MS = 60 * 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

type Delivery = { messageId: string; key: string; limit?: number; laned: boolean; path: string; body: string; notBefore: number; attempts: number; maxAttempts: number };

const heldKey = (path: string, body: string) => `${path}\n${body}`;

export function createLocalDispatcher(options: LocalDispatcherOptions): LocalDispatcher {
  const {
    baseUrl,
    maxAttempts,
    fetch: fetchImpl = (input, init) => fetch(input, init),
    inProcess = () => undefined,
    now = Date.now,
    sign = ({ url, body }) => signQStashMessage({ url, body, key: getSigningKeys().currentSigningKey }),
    backoff = defaultBackoff,
    concurrency = 16,
    concurrencyPerKey = concurrency,
    laneConcurrency = 256,
    // Holds a 50,000-cell experiment and ordinary runs besides; a waiting delivery is a few hundred bytes.
    maxPending = 100_000,
    timeoutMs = 15 * 60_000,
    logger = console,
  } = options;
  const root = baseUrl.replace(/\/+$/, '');
  const signedRoot = (options.signedBaseUrl ?? baseUrl).replace(/\/+$/, '');
  const waiting = createFairQueue<Delivery>({ perKey: Math.max(1, concurrencyPerKey) });
  const laneWaiting = createFairQueue<Delivery>({ perKey: 1 });
  const queueOf = (delivery: Delivery) => (delivery.laned ? laneWaiting : waiting);
  // Messages not yet delivered or dropped, by path and body, so recovery can skip what is already on its way.
  const held = new Map<string, number>();
  const dedup = new Map<string, { messageId: string; expiresAt: number }>();
  const idle: Array<() => void> = [];
  const counts = { delivered: 0, retried: 0, dropped: 0, deduplicated: 0 };
  let inFlight = 0;
  let laneInFlight = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const warn = (message: string) => {
    try {
      logger.warn(`[queue] ${message}`);
    } catch {
      // a broken logger must not stop deliveries
    }
  };

  function enqueue(message: LocalMessage): EnqueueResult {
    const result = add(message);
    pump();
    return result;
  }

  function enqueueMany(messages: LocalMessage[]): EnqueueResult[] {
    const results = messages.map(add);
    pump();
    return results;
  }

  function add(message: LocalMessage): EnqueueResult {
    const messageId = `msg_local_${randomUUID()}`;
    try {
      const t = now();
      const dedupId = message.deduplicationId;
      if (dedupId !== undefined) {
        pruneDedup(t);
        const seen = dedup.get(dedupId);
        if (seen && seen.expiresAt > t) {
          counts.deduplicated += 1;
          return { messageId: seen.messageId, deduplicated: true };
        }
      }
      if (waiting.size + laneWaiting.size >= maxPending) {
        counts.dropped += 1;
        warn(`queue full (${maxPending} pending): dropping a message to ${message.path}; the recovery cron re-dispatches stale runs`);
        return { messageId, deduplicated: false };
      }
      if (dedupId !== undefined) dedup.set(dedupId, { messageId, expiresAt: t + DEDUP_WINDOW_MS });
      const delayMs = Math.max(0, (message.delaySeconds ?? 0) * 1000);
      const key = heldKey(message.path, message.body);
      held.set(key, (held.get(key) ?? 0) + 1);
      const delivery: Delivery = {
        messageId,
        key: message.lane ? `lane:${message.lane.key}` : (message.fairnessKey ?? `message:${messageId}`),
        ...(message.lane ? { limit: message.lane.concurrency } : {}),
        laned: Boolean(message.lane),
        path: message.path,
        body: message.body,
        notBefore: t + delayMs,
        attempts: 0,
        maxAttempts: Math.max(1, message.maxAttempts ?? maxAttempts),
      };
      queueOf(delivery).push(delivery);
    } catch (error) {
      warn(`could not queue a message to ${message.path}: ${describe(error)}`);
    }
    return { messageId, deduplicated: false };
  }

  function pruneDedup(t: number) {
    // Insertion order is expiry order, so stop at the first live entry.
    for (const [id, entry] of dedup) {
      if (entry.expiresAt > t && dedup.size <= MAX_DEDUP_ENTRIES) break;
      dedup.delete(id);
    }
  }

  // Runs from timers and promise callbacks, where a throw would crash the server: never let one out.
  function pump() {
    try {
      schedule();
    } catch (error) {
      warn(`delivery loop error: ${describe(error)}`);
    }
  }

  function schedule() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const t = now();
    for (const delivery of waiting.takeDue(t, concurrency - inFlight)) start(delivery);
    for (const delivery of laneWaiting.takeDue(t, laneConcurrency - laneInFlight)) start(delivery);
    // A delivery that finishes pumps again (a full key or a full dispatcher); otherwise wake for the next due one.
    const earliest = Math.min(inFlight < concurrency ? waiting.nextWake(t) : Infinity, laneInFlight < laneConcurrency ? laneWaiting.nextWake(t) : Infinity);
    if (earliest !== Infinity) {
      timer = setTimeout(pump, Math.min(Math.max(0, earliest - t), MAX_TIMER_MS));
    }
    if (waiting.size === 0 && laneWaiting.size === 0 && inFlight === 0 && laneInFlight === 0) idle.splice(0).forEach((resolve) => resolve());
  }

  function start(delivery: Delivery) {
    if (delivery.laned) laneInFlight += 1;
    else inFlight += 1;
    void deliver(delivery)
      .catch((error: unknown) => drop(delivery, `unexpected error: ${describe(error)}`))
      .finally(() => {
        if (delivery.laned) laneInFlight -= 1;
        else inFlight -= 1;
        queueOf(delivery).finished(delivery.key);
        pump();
      });
  }

  function release(delivery: Delivery) {
    const key = heldKey(delivery.path, delivery.body);
    const count = (held.get(key) ?? 1) - 1;
    if (count > 0) held.set(key, count);
    else held.delete(key);
  }

  async function deliver(delivery: Delivery) {
    const signedUrl = `${signedRoot}${delivery.path}`;
    const handler = inProcess(delivery.path);
    const url = `${root}${delivery.path}`;
    const where = handler ? `${delivery.path} (in-process)` : url; // for the log
    const retried = delivery.attempts;
    delivery.attempts += 1;
    let problem: string;
    let retryAfterMs: number | undefined;
    try {
      const signature = await sign({ url: signedUrl, body: delivery.body });
      const headers = {
        'content-type': 'application/json',
        'upstash-signature': signature,
        'upstash-message-id': delivery.messageId,
        'upstash-retried': String(retried),
      };
      const res = await postSigned({ url, signedUrl, headers, body: delivery.body, timeoutMs }, { handler, fetch: fetchImpl });
      const text = await res.text().catch(() => '');
      if (res.status >= 200 && res.status < 300) {
        counts.delivered += 1;
        release(delivery);
        return;
      }
      problem = `${where} answered ${res.status}${text ? ` ${text.slice(0, 200)}` : ''}`;
      if (!isRetryableStatus(res.status)) return drop(delivery, `${problem} (not retryable)`);
      retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now());
    } catch (error) {
      problem = `${where} unreachable: ${describe(error)}`;
    }
    if (delivery.attempts >= delivery.maxAttempts) return drop(delivery, problem);
    const delayMs = Math.min(Math.max(0, retryAfterMs ?? safeBackoff(delivery.attempts)), MAX_RETRY_DELAY_MS);
    delivery.notBefore = now() + delayMs;
    counts.retried += 1;
    warn(`message ${delivery.messageId} ${problem}; retry ${delivery.attempts} of ${delivery.maxAttempts - 1} in ${Math.round(delayMs)} ms`);
    queueOf(delivery).push(delivery);
  }

  function safeBackoff(retried: number): number {
    try {
      const ms = backoff(retried);
      return Number.isFinite(ms) ? ms : defaultBackoff(retried);
    } catch {
      return defaultBackoff(retried);
    }
  }

  function drop(delivery: Delivery, problem: string) {
    counts.dropped += 1;
    release(delivery);
    warn(
      `giving up on message ${delivery.messageId} after ${delivery.attempts} attempt(s): ${problem}; the recovery cron re-dispatches stale runs`,
    );
  }

  const busy = () => waiting.size + laneWaiting.size + inFlight + laneInFlight > 0;
  return {
    enqueue,
    enqueueMany,
    drain: () => (!busy() ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
    holds: (path, body) => held.has(heldKey(path, body)),
    stats: () => ({ pending: waiting.size + laneWaiting.size, inFlight: inFlight + laneInFlight, ...counts }),
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici reports every network failure as "fetch failed"; the cause says which (ECONNREFUSED, timeout…).
  const cause = error.cause instanceof Error ? ` (${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message})` : '';
  return `${error.message}${cause}`;
}

const globalForQueue = globalThis as typeof globalThis & { promptlabLocalDispatcher?: LocalDispatcher };

/** The process-wide dispatcher, kept on globalThis so dev reloads do not start a second delivery loop. */
export function getLocalDispatcher(): LocalDispatcher {
  const { localDispatchUrl, callbackBaseUrl, runs } = env();
  globalForQueue.promptlabLocalDispatcher ??= createLocalDispatcher({
    baseUrl: localDispatchUrl,
    signedBaseUrl: callbackBaseUrl,
    maxAttempts: runs.maxAttempts,
    concurrency: runs.concurrency,
    concurrencyPerKey: runs.concurrencyPerWorkspace,
    inProcess: jobHandlerFor,
  });
  return globalForQueue.promptlabLocalDispatcher;
}
