import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftSaveQueue } from '@/components/prompts/draft-save-queue';

type Deferred = { body: string; resolve: () => void; reject: (error: Error) => void };

/** A send whose calls stay open until the test settles them. */
function controlledSend() {
  const calls: Deferred[] = [];
  let open = 0;
  let maxOpen = 0;
  const send = (body: string) =>
    new Promise<{ updatedAt: string }>((resolve, reject) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      const done = () => (open -= 1);
      calls.push({
        body,
        resolve: () => (done(), resolve({ updatedAt: `saved ${body}` })),
        reject: (error) => (done(), reject(error)),
      });
    });
  return { send, calls, maxOpen: () => maxOpen };
}

const retryable = (error: unknown) => (error as Error).message === 'network';
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('DraftSaveQueue', () => {
  it('sends once the typing stops, only the latest body', async () => {
    const { send, calls } = controlledSend();
    const queue = new DraftSaveQueue(send, { delayMs: 1000, retryMs: 5000, retryable });
    queue.save('a');
    await vi.advanceTimersByTimeAsync(600);
    queue.save('ab');
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(400);
    expect(calls.map((c) => c.body)).toEqual(['ab']);
    calls[0]!.resolve();
    await settle();
    expect(queue.getState()).toEqual({ isSaving: false, savedAt: 'saved ab', error: null });
  });

  it('never overlaps writes, and skips the bodies typed while one was in flight', async () => {
    const { send, calls, maxOpen } = controlledSend();
    const queue = new DraftSaveQueue(send, { delayMs: 10, retryMs: 5000, retryable });
    queue.save('1');
    await vi.advanceTimersByTimeAsync(10);
    for (const body of ['2', '3', '4']) {
      queue.save(body);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(calls.map((c) => c.body)).toEqual(['1']);
    calls[0]!.resolve();
    await settle();
    expect(calls.map((c) => c.body)).toEqual(['1', '4']);
    calls[1]!.resolve();
    await settle();
    expect(maxOpen()).toBe(1);
    expect(queue.getState().savedAt).toBe('saved 4');
  });

  it('flush sends at once and resolves when the server has it; cancel drops what is queued', async () => {
    const { send, calls } = controlledSend();
    const queue = new DraftSaveQueue(send, { delayMs: 1000, retryMs: 5000, retryable });
    queue.save('now');
    const flushed = queue.flush();
    expect(calls.map((c) => c.body)).toEqual(['now']);
    calls[0]!.resolve();
    await flushed;
    queue.save('dropped');
    queue.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(1);
  });

  it('retries a network failure after retryMs, but not a refusal, and not over a newer body', async () => {
    const { send, calls } = controlledSend();
    const queue = new DraftSaveQueue(send, { delayMs: 10, retryMs: 5000, retryable });
    queue.save('x');
    await vi.advanceTimersByTimeAsync(10);
    calls[0]!.reject(new Error('network'));
    await settle();
    expect(queue.getState().error?.message).toBe('network');
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.map((c) => c.body)).toEqual(['x', 'x']);
    calls[1]!.reject(new Error('too large'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls).toHaveLength(2);

    queue.save('y');
    await vi.advanceTimersByTimeAsync(10);
    queue.save('z');
    calls[2]!.reject(new Error('network'));
    await vi.advanceTimersByTimeAsync(10);
    expect(calls.map((c) => c.body)).toEqual(['x', 'x', 'y', 'z']);
  });

  it('idle waits for the write in flight', async () => {
    const { send, calls } = controlledSend();
    const queue = new DraftSaveQueue(send, { delayMs: 10, retryMs: 5000, retryable });
    queue.save('a');
    await vi.advanceTimersByTimeAsync(10);
    let idle = false;
    void queue.idle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    calls[0]!.resolve();
    await settle();
    expect(idle).toBe(true);
  });
});
