import 'server-only';
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { getRedis } from './redis';

/**
 * A short-lived per-run channel for streamed output: the executor publishes deltas, SSE readers read everything
 * after the last id they saw (a late or reconnecting reader gets the text so far, then the rest).
 * Upstash: a Redis stream `run:<id>:events`, read by polling (Upstash REST has no blocking reads).
 * In-process: a list per run with ids `1`, `2`, …, and an EventEmitter that wakes waiting readers.
 * Both keep the last ~5000 events and forget a run 10 minutes after its last event.
 */
export const runEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({ type: z.literal('status'), status: z.string() }),
  z.object({ type: z.literal('done'), status: z.string() }),
]);

export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventEntry = { id: string; event: RunEvent };
export type RunEvents = { events: RunEventEntry[] };

const MAX_EVENTS = 5000;
/** Longest text of one delta event: a provider's bigger chunk is published as several, in order. */
export const MAX_DELTA_CHARS = 16 * 1024;
const TTL_SECONDS = 600;
const READ_BATCH = 1000;
const POLL_MS = 100;
const EVENT_ID = /^\d+(-\d+)?$/;

const streamKey = (runId: string) => `run:${runId}:events`;

/**
 * Appends an event to the run's channel and returns its (last) id. A Redis failure or a malformed event is logged
 * and answered with null, never thrown: callers publish without awaiting, and the run's stored result stays
 * authoritative. Events of one run are applied in call order even when the caller does not await each publish.
 */
export async function publishRunEvent(runId: string, event: RunEvent): Promise<string | null> {
  const parsed = runEventSchema.safeParse(event);
  if (!parsed.success) {
    console.warn(`[run-channel] not publishing a malformed event to run ${runId}`);
    return null;
  }
  const payloads = parsed.data.type === 'delta' ? splitDelta(parsed.data.text).map((text) => ({ type: 'delta' as const, text })) : [parsed.data];
  const redis = getRedis();
  if (!redis) return payloads.map((payload) => memoryPublish(runId, payload)).at(-1) ?? null;
  return inOrder(runId, async () => {
    try {
      const key = streamKey(runId);
      const pipeline = redis.pipeline();
      for (const payload of payloads) {
        pipeline.xadd(key, '*', { e: JSON.stringify(payload) }, { trim: { type: 'MAXLEN', comparison: '~', threshold: MAX_EVENTS } });
      }
      const results = await pipeline.expire(key, TTL_SECONDS).exec();
      return (results[payloads.length - 1] as string | undefined) ?? null;
    } catch (error) {
      console.warn(`[run-channel] publish to run ${runId} failed: ${messageOf(error)}`);
      return null;
    }
  });
}

/** Pieces of at most MAX_DELTA_CHARS, never cutting a surrogate pair. */
function splitDelta(text: string): string[] {
  if (text.length <= MAX_DELTA_CHARS) return [text];
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + MAX_DELTA_CHARS);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(text.slice(at, end));
    at = end;
  }
  return pieces;
}

/**
 * Events after `afterId` (all of them without one), oldest first, at most 1000 per call. With `blockMs`, waits up
 * to that long for the first event when there is none yet (see waitForRunEvents). Unlike publishing, a read
 * throws on a Redis failure or a malformed `afterId`: the reader decides (e.g. falls back to the stored run).
 */
export async function readRunEvents(runId: string, afterId?: string, { blockMs }: { blockMs?: number } = {}): Promise<RunEvents> {
  if (blockMs && blockMs > 0) return waitForRunEvents(runId, afterId, blockMs);
  assertEventId(afterId);
  const redis = getRedis();
  if (!redis) return memoryRead(runId, afterId);
  const entries = await redis.xrange<Record<string, unknown>>(streamKey(runId), afterId ? `(${afterId}` : '-', '+', READ_BATCH);
  const events: RunEventEntry[] = [];
  for (const [id, fields] of Object.entries(entries)) {
    // The client JSON-parses field values itself, so `e` usually arrives as an object already.
    const raw = typeof fields.e === 'string' ? safeJson(fields.e) : fields.e;
    const parsed = runEventSchema.safeParse(raw);
    if (parsed.success) events.push({ id, event: parsed.data });
    else console.warn(`[run-channel] skipping malformed event ${id} of run ${runId}`);
  }
  return { events };
}

/**
 * Resolves with the events after `afterId` as soon as there are any, or with none after `timeoutMs`.
 * In-process it wakes on publish; with Upstash it polls every ~100 ms.
 */
export async function waitForRunEvents(runId: string, afterId: string | undefined, timeoutMs: number): Promise<RunEvents> {
  assertEventId(afterId);
  const redis = getRedis();
  if (!redis) return memoryWait(runId, afterId, timeoutMs);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await readRunEvents(runId, afterId);
    const left = deadline - Date.now();
    if (found.events.length > 0 || left <= 0) return found;
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
  }
}

function assertEventId(afterId: string | undefined): void {
  if (afterId !== undefined && !EVENT_ID.test(afterId)) throw new TypeError(`"${afterId}" is not a run event id`);
}

// ---- Upstash: keep one run's publishes in call order ----

const tails = new Map<string, Promise<unknown>>();

function inOrder<T>(runId: string, task: () => Promise<T>): Promise<T> {
  const next = (tails.get(runId) ?? Promise.resolve()).then(task);
  tails.set(runId, next);
  void next.finally(() => {
    if (tails.get(runId) === next) tails.delete(runId);
  });
  return next;
}

// ---- In-process channel ----

/**
 * Records which workspace a run belongs to with its in-process channel (opening it if need be), so a stream of
 * this process can check the reader's tenancy without loading the run. Nothing to do with Upstash.
 */
export function openRunChannel(runId: string, workspaceId: string): void {
  if (getRedis()) return;
  touchChannel(runId).workspaceId = workspaceId;
}

/** The workspace recorded with the run's in-process channel; undefined when there is none (read the run instead). */
export function runChannelWorkspace(runId: string): string | undefined {
  if (getRedis()) return undefined;
  const channel = channels.get(runId);
  return channel && channel.expiresAt > Date.now() ? channel.workspaceId : undefined;
}

// `workspaceId` when the run's creator or executor recorded it (openRunChannel), so a reader's tenancy can be checked here.
type Channel = { seq: number; entries: RunEventEntry[]; expiresAt: number; workspaceId?: string };

const channels = new Map<string, Channel>();
const published = new EventEmitter();
published.setMaxListeners(0); // one listener per waiting SSE reader

// Prefixed: a run id of "error" must not become EventEmitter's special 'error' event.
const eventName = (runId: string) => `run:${runId}`;

/** The run's in-process channel, kept last in the map: map order is expiry order, so pruning stops at a live one. */
function touchChannel(runId: string): Channel {
  const now = Date.now();
  for (const [id, channel] of channels) {
    if (channel.expiresAt > now) break;
    channels.delete(id);
  }
  const channel = channels.get(runId) ?? { seq: 0, entries: [], expiresAt: 0 };
  channels.delete(runId);
  channel.expiresAt = now + TTL_SECONDS * 1000;
  channels.set(runId, channel);
  return channel;
}

function memoryPublish(runId: string, event: RunEvent): string {
  const channel = touchChannel(runId);
  channel.seq += 1;
  const id = String(channel.seq);
  channel.entries.push({ id, event });
  if (channel.entries.length > MAX_EVENTS) channel.entries.splice(0, channel.entries.length - MAX_EVENTS);
  published.emit(eventName(runId));
  return id;
}

function memoryRead(runId: string, afterId: string | undefined): RunEvents {
  const channel = channels.get(runId);
  if (!channel) return { events: [] };
  if (channel.expiresAt <= Date.now()) {
    channels.delete(runId);
    return { events: [] };
  }
  const after = afterId === undefined ? 0 : Number.parseInt(afterId, 10);
  const start = channel.entries.findIndex((entry) => Number(entry.id) > after);
  return { events: start === -1 ? [] : channel.entries.slice(start, start + READ_BATCH) };
}

function memoryWait(runId: string, afterId: string | undefined, timeoutMs: number): Promise<RunEvents> {
  // Read and subscribe in the same tick, so a publish cannot slip in between.
  const now = memoryRead(runId, afterId);
  if (now.events.length > 0 || timeoutMs <= 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const finish = (result: RunEvents) => {
      clearTimeout(timer);
      published.off(eventName(runId), onPublish);
      resolve(result);
    };
    // Read on the next turn, not at the first publish: the deltas of one network read arrive as several publishes,
    // and the reader sends what it gets in one write.
    let scheduled = false;
    const onPublish = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        const result = memoryRead(runId, afterId);
        if (result.events.length > 0) finish(result);
      });
    };
    const timer = setTimeout(() => finish({ events: [] }), timeoutMs);
    published.on(eventName(runId), onPublish);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
