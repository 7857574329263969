import { describe, expect, it } from 'vitest';
import { WorkGate } from '@/lib/auth/work-gate';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('WorkGate', () => {
  it('runs at most `concurrency` tasks, queues up to `maxQueued`, and refuses the rest at once', async () => {
    const gate = new WorkGate(2, 1);
    const started: number[] = [];
    const jobs = [0, 1, 2, 3].map(() => deferred());
    const task = (i: number) => () => {
      started.push(i);
      return jobs[i]!.promise.then(() => i);
    };
    const results = [0, 1, 2, 3].map((i) => gate.run(task(i)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(await results[3]).toBeNull();

    jobs[0]!.resolve();
    expect(await results[0]).toEqual({ value: 0 });
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);

    // The queue has room again, and a freed slot is used.
    const late = deferred();
    const fourth = gate.run(() => late.promise.then(() => 'late'));
    jobs[1]!.resolve();
    jobs[2]!.resolve();
    late.resolve();
    expect(await Promise.all([results[1], results[2], fourth])).toEqual([{ value: 1 }, { value: 2 }, { value: 'late' }]);
  });

  it('frees the slot when a task fails', async () => {
    const gate = new WorkGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toEqual({ value: 'next' });
  });
});
