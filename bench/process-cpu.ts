// CPU time of other processes (PostgreSQL backends) from /proc, to say how much of a run's cost is the database's.
import fs from 'node:fs';
import pg from 'pg';
import { round1 } from './bench-utils';

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

/** User + system CPU milliseconds of a process so far, or null when it has exited. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Samples the CPU of the backends serving one database; `since()` gives the ms they used after `start()`. */
export async function databaseCpuMeter(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pids = async () =>
    (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows.map((r) => r.pid);
  let baseline = new Map<number, number>();
  return {
    async start() {
      baseline = new Map((await pids()).map((pid) => [pid, processCpuMs(pid) ?? 0]));
    },
    /** Backends that exited in between are missed; the app's pool keeps its connections while under load. */
    async since(): Promise<number> {
      let total = 0;
      for (const pid of new Set([...baseline.keys(), ...(await pids())])) {
        const now = processCpuMs(pid);
        if (now !== null) total += now - (baseline.get(pid) ?? 0);
      }
      return total;
    },
    close: () => client.end(),
  };
}

export type CpuSplit = { serverMs: number; databaseMs: number | null };

/** CPU of the server process and, on PostgreSQL, of its backends, over one phase. */
export async function serverCpuMeter(pid: number, databaseUrl?: string) {
  const database = databaseUrl ? await databaseCpuMeter(databaseUrl) : null;
  let serverStart = 0;
  return {
    async start() {
      serverStart = processCpuMs(pid) ?? 0;
      await database?.start();
    },
    async stop(): Promise<CpuSplit> {
      return { serverMs: (processCpuMs(pid) ?? serverStart) - serverStart, databaseMs: database ? await database.since() : null };
    },
    close: async () => database?.close(),
  };
}

export const perUnit = (cpu: CpuSplit, units: number): CpuSplit => ({
  serverMs: round1(cpu.serverMs / units),
  databaseMs: cpu.databaseMs === null ? null : round1(cpu.databaseMs / units),
});
