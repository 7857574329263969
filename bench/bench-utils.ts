import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

/** RSS of a process and all its descendants (next start runs the server in a child process). */
export function processTreeRssBytes(rootPid: number): number {
  let total = 0;
  for (const pid of collect(rootPid)) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // Exited.
    }
  }
  return total;
}

function collect(pid: number): number[] {
  const out = [pid];
  try {
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)]).toString().trim().split('\n').filter(Boolean);
    for (const child of children) out.push(...collect(Number(child)));
  } catch {
    // No children.
  }
  return out;
}

/** Reads a run's SSE stream until its `done` event; returns the final status. */
export async function streamUntilDone(url: string, key: string): Promise<string> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  const text = await res.text();
  const match = /event: done\ndata: (.*)\n/.exec(text);
  return match ? (JSON.parse(match[1]!) as { status: string }).status : 'unknown';
}
