/** The per-run event channel on its in-process path (no Upstash configured). */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

vi.stubEnv('UPSTASH_REDIS_REST_URL', undefined);
vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', undefined);
const { MAX_DELTA_CHARS, openRunChannel, publishRunEvent, readRunEvents, runChannelWorkspace, waitForRunEvents } = await import('@/lib/run-channel');

const texts = (events: { event: { type: string; text?: string } }[]) => events.map((e) => e.event.text ?? `<${e.event.type}>`);

beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.useRealTimers();
});

describe('run channel, in-process', () => {
  it('returns a run’s events in publish order with increasing ids', async () => {
    const run = randomUUID();
    await publishRunEvent(run, { type: 'status', status: 'running' });
    await publishRunEvent(run, { type: 'delta', text: 'Hel' });
    await publishRunEvent(run, { type: 'delta', text: 'lo' });
    await publishRunEvent(run, { type: 'done', status: 'succeeded' });
    const { events } = await readRunEvents(run);
    expect(events.map((e) => e.id)).toEqual(['1', '2', '3', '4']);
    expect(events.map((e) => e.event)).toEqual([
      { type: 'status', status: 'running' },
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
      { type: 'done', status: 'succeeded' },
    ]);
  });

  it('keeps runs apart', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await publishRunEvent(a, { type: 'delta', text: 'a' });
    await publishRunEvent(b, { type: 'delta', text: 'b' });
    expect(texts((await readRunEvents(a)).events)).toEqual(['a']);
    expect(texts((await readRunEvents(b)).events)).toEqual(['b']);
    expect((await readRunEvents(randomUUID())).events).toEqual([]);
  });

  it('gives a reconnecting reader everything after its last id: the text so far, then the rest', async () => {
    const run = randomUUID();
    for (const text of ['The ', 'quick ', 'brown ']) await publishRunEvent(run, { type: 'delta', text });
    const first = await readRunEvents(run);
    expect(texts(first.events).join('')).toBe('The quick brown ');
    const lastSeen = first.events.at(1)!.id; // the reader dropped after 'quick '
    await publishRunEvent(run, { type: 'delta', text: 'fox' });
    const resumed = await readRunEvents(run, lastSeen);
    expect(texts(resumed.events)).toEqual(['brown ', 'fox']);
    expect((await readRunEvents(run, resumed.events.at(-1)!.id)).events).toEqual([]);
  });

  it('rejects an afterId that is not an event id', async () => {
    await expect(readRunEvents(randomUUID(), 'abc')).rejects.toThrow(TypeError);
  });

  it('wakes a waiting reader as soon as an event is published', async () => {
    const run = randomUUID();
    const started = Date.now();
    const waiting = waitForRunEvents(run, undefined, 5_000);
    setTimeout(() => void publishRunEvent(run, { type: 'delta', text: 'hi' }), 20);
    const { events } = await waiting;
    expect(texts(events)).toEqual(['hi']);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('hands a waiting reader everything published in the same turn at once', async () => {
    const run = randomUUID();
    const waiting = waitForRunEvents(run, undefined, 5_000);
    for (const text of ['one ', 'two ', 'three']) await publishRunEvent(run, { type: 'delta', text });
    expect(texts((await waiting).events)).toEqual(['one ', 'two ', 'three']);
  });

  it('ignores events at or before afterId while waiting, and answers at once when newer ones exist', async () => {
    const run = randomUUID();
    const id = await publishRunEvent(run, { type: 'delta', text: 'old' });
    const waiting = waitForRunEvents(run, id!, 5_000);
    await publishRunEvent(run, { type: 'delta', text: 'new' });
    expect(texts((await waiting).events)).toEqual(['new']);
    expect(texts((await waitForRunEvents(run, undefined, 5_000)).events)).toEqual(['old', 'new']);
  });

  it('resolves empty when nothing arrives before the timeout; readRunEvents with blockMs waits the same way', async () => {
    vi.useFakeTimers();
    const run = randomUUID();
    const waiting = waitForRunEvents(run, undefined, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await waiting).toEqual({ events: [] });
    const blocked = readRunEvents(run, undefined, { blockMs: 1_000 });
    await vi.advanceTimersByTimeAsync(10);
    await publishRunEvent(run, { type: 'delta', text: 'late' });
    await vi.advanceTimersByTimeAsync(1); // a woken reader reads on the next turn (setImmediate)
    expect(texts((await blocked).events)).toEqual(['late']);
  });

  it('forgets a run 10 minutes after its last event', async () => {
    vi.useFakeTimers({ now: new Date('2025-06-01T00:00:00Z') });
    const run = randomUUID();
    await publishRunEvent(run, { type: 'delta', text: 'a' });
    vi.advanceTimersByTime(9 * 60_000);
    await publishRunEvent(run, { type: 'delta', text: 'b' }); // refreshes the expiry
    vi.advanceTimersByTime(9 * 60_000);
    expect(texts((await readRunEvents(run)).events)).toEqual(['a', 'b']);
    vi.advanceTimersByTime(60_000);
    expect((await readRunEvents(run)).events).toEqual([]);
  });

  it('keeps a run refreshed by a later event while forgetting the ones that went quiet before it', async () => {
    vi.useFakeTimers({ now: new Date('2025-07-01T00:00:00Z') });
    const [busy, quiet] = [randomUUID(), randomUUID()];
    await publishRunEvent(busy, { type: 'delta', text: 'a' });
    await publishRunEvent(quiet, { type: 'delta', text: 'q' });
    vi.advanceTimersByTime(9 * 60_000);
    await publishRunEvent(busy, { type: 'delta', text: 'b' });
    vi.advanceTimersByTime(2 * 60_000);
    await publishRunEvent(randomUUID(), { type: 'delta', text: 'prunes' });
    expect(texts((await readRunEvents(busy)).events)).toEqual(['a', 'b']);
    expect((await readRunEvents(quiet)).events).toEqual([]);
  });

  it('records the workspace of a run with its channel, for the stream to check tenancy without a query', async () => {
    const run = randomUUID();
    expect(runChannelWorkspace(run)).toBeUndefined();
    openRunChannel(run, 'workspace-1');
    expect(runChannelWorkspace(run)).toBe('workspace-1');
    expect((await readRunEvents(run)).events).toEqual([]); // opening publishes nothing
    await publishRunEvent(run, { type: 'status', status: 'running' });
    expect(runChannelWorkspace(run)).toBe('workspace-1');
    expect(runChannelWorkspace(randomUUID())).toBeUndefined();
  });

  it('forgets the recorded workspace with the channel', async () => {
    vi.useFakeTimers({ now: new Date('2025-08-01T00:00:00Z') });
    const run = randomUUID();
    openRunChannel(run, 'workspace-1');
    vi.advanceTimersByTime(10 * 60_000);
    expect(runChannelWorkspace(run)).toBeUndefined();
  });

  it('keeps the last 5000 events of a run and reads at most 1000 at a time', async () => {
    const run = randomUUID();
    for (let i = 1; i <= 5001; i++) await publishRunEvent(run, { type: 'delta', text: String(i) });
    const first = await readRunEvents(run);
    expect(first.events).toHaveLength(1000);
    expect(first.events[0]).toEqual({ id: '2', event: { type: 'delta', text: '2' } });
    const tail = await readRunEvents(run, '4900');
    expect(tail.events.map((e) => e.id)).toEqual(Array.from({ length: 101 }, (_, i) => String(4901 + i)));
  });

  it('drops an event of an unknown shape without rejecting: publishers do not await, so a rejection would crash', async () => {
    const run = randomUUID();
    await expect(publishRunEvent(run, { type: 'delta' } as never)).resolves.toBeNull();
    await expect(publishRunEvent(run, { type: 'delta', text: 123 } as never)).resolves.toBeNull();
    expect((await readRunEvents(run)).events).toEqual([]);
  });

  it('publishes a delta longer than MAX_DELTA_CHARS as several, in order, without cutting a surrogate pair', async () => {
    const run = randomUUID();
    const text = `${'a'.repeat(MAX_DELTA_CHARS - 1)}🎉${'b'.repeat(2 * MAX_DELTA_CHARS)}`;
    await publishRunEvent(run, { type: 'delta', text });
    const pieces = texts((await readRunEvents(run)).events);
    expect(pieces.length).toBe(4);
    expect(pieces.every((piece) => piece.length <= MAX_DELTA_CHARS)).toBe(true);
    expect(pieces[0]).toBe('a'.repeat(MAX_DELTA_CHARS - 1));
    expect(pieces.join('')).toBe(text);
  });
});
