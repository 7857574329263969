// Prints the bench as a table with one column per database driver, then the targets of issue 6 per column.
import type { ReadResults } from './measure-reads';
import type { RunResults } from './measure-runs';
import type { CpuSplit } from './process-cpu';

export type ColumnResult = RunResults & { reads: ReadResults; peakServerRssMb: number };
export type Column = { title: string; driver: 'pglite' | 'postgres' } & ({ result: ColumnResult } | { skipped: string });

type Row = [label: string, value: (r: ColumnResult) => string];

const ms3 = (v: { p50: number; p95: number; p99: number }) => `${v.p50.toFixed(1)} / ${v.p95.toFixed(1)} / ${v.p99.toFixed(1)}`;

const cpu = (c: CpuSplit) => (c.databaseMs === null ? `${c.serverMs} (PGlite inside)` : `${c.serverMs} + ${c.databaseMs}`);

const ROWS: Row[] = [
  ['direct SDK call, minus provider TTFT (p50/p95/p99 ms)', (r) => ms3(r.directSdkOverheadMs)],
  ['platform overhead, concurrency 1 (p50/p95/p99 ms)', (r) => ms3(r.overheadConcurrency1Ms)],
  ['platform overhead, concurrency 32 (p50/p95/p99 ms)', (r) => ms3(r.overheadConcurrency32Ms)],
  ['sustained runs/s, provider latency 0 ms (c=32)', (r) => String(r.runsPerSecondLatency0)],
  ['sustained runs/s, provider latency 200 ms (c=32)', (r) => String(r.runsPerSecondLatency200)],
  ['CPU per run at latency 0 (ms: server + PostgreSQL)', (r) => cpu(r.cpuPerRunMs)],
  ['cache hit (p50/p99 ms)', (r) => `${r.cacheHitMs.p50.toFixed(1)} / ${r.cacheHitMs.p99.toFixed(1)}`],
  ['GET /api/v1/prompts/{id}, c=32 (req/s, p50 ms)', (r) => `${r.reads.promptGet.rps} req/s, ${r.reads.promptGet.p50} ms`],
  ['GET /api/health, c=32 (req/s, p50 ms)', (r) => `${r.reads.health.rps} req/s, ${r.reads.health.p50} ms`],
  ['CPU per request, prompt GET | health (ms, server)', (r) => `${cpu(r.reads.promptGet.cpuMs)} | ${r.reads.health.cpuMs.serverMs}`],
  ['prompt GET req/s ÷ health req/s', (r) => r.reads.ratio.toFixed(2)],
  ['peak server RSS (MB, next-server process tree)', (r) => String(r.peakServerRssMb)],
  ['runs lost / read errors', (r) => `${r.runsLost} / ${r.reads.promptGet.errors + r.reads.health.errors}`],
];

type Target = [label: string, check: (r: ColumnResult, driver: Column['driver']) => boolean | null];

const TARGETS: Target[] = [
  ['overhead p50 ≤ 15 ms at concurrency 1', (r) => r.overheadConcurrency1Ms.p50 <= 15],
  ['overhead p50 ≤ 100 ms at concurrency 32', (r) => r.overheadConcurrency32Ms.p50 <= 100],
  ['sustained ≥ 100 runs/s at latency 0 (node-postgres)', (r, driver) => (driver === 'postgres' ? r.runsPerSecondLatency0 >= 100 : null)],
  ['cache hit p50 ≤ 5 ms', (r) => r.cacheHitMs.p50 <= 5],
  ['prompt GET req/s ≥ 0.5 × health req/s', (r) => r.reads.ratio >= 0.5],
  ['no run lost', (r) => r.runsLost === 0],
];

const LABEL = 54;
const COL = 30;

export function printReport(columns: Column[], note: string) {
  const cell = (column: Column, value: (r: ColumnResult) => string) => ('result' in column ? value(column.result) : 'skipped').padEnd(COL);
  console.log(`\nPromptLab benchmark: run pipeline and read path (${note})\n`);
  console.log(`${''.padEnd(LABEL)} ${columns.map((c) => c.title.padEnd(COL)).join(' ')}`);
  for (const [label, value] of ROWS) console.log(`${label.padEnd(LABEL)} ${columns.map((c) => cell(c, value)).join(' ')}`);

  console.log(`\nTargets (issue 6, section 5)`);
  for (const [label, check] of TARGETS) {
    const verdicts = columns.map((c) => {
      if (!('result' in c)) return 'skipped';
      const verdict = check(c.result, c.driver);
      return verdict === null ? 'n/a' : verdict ? 'met' : 'NOT met';
    });
    console.log(`${label.padEnd(LABEL)} ${verdicts.map((v) => v.padEnd(COL)).join(' ')}`);
  }
  for (const column of columns) {
    if ('skipped' in column) console.log(`\n${column.title}: skipped (${column.skipped})`);
    else if (column.result.failures.length > 0) console.log(`\n${column.title}: first failures:\n  ${column.result.failures.join('\n  ')}`);
  }
  console.log('\nAbsolute figures move with other load on the machine; compare columns and ratios from the same run.\n');
}
