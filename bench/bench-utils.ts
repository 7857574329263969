import fs from 'node:fs';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

export const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });

/**
 * RSS of a process and all its descendants. Reads /proc only: spawning `ps` every sample would block the bench's
 * event loop for milliseconds and show up in the latencies it measures.
 */
export function processTreeRssBytes(rootPid: number): number {
  let total = 0;
  for (const pid of descendants(rootPid)) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // Exited.
    }
  }
  return total;
}

function descendants(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      for (const child of children) out.push(...descendants(Number(child)));
    }
  } catch {
    // Exited, or no children.
  }
  return out;
}

/** Runs `task` from `concurrency` workers until `n` calls have started. */
export async function runPool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) await task(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Runs `task` from `concurrency` workers for `seconds`; returns each call's latency in ms. */
export async function runFor(seconds: number, concurrency: number, task: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await task();
        times.push(performance.now() - started);
      }
    }),
  );
  return times;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
