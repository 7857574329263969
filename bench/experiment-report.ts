// Prints bench:experiment's figures beside the SDK baseline of the same run, then PASS/MISS per target of issue 8.
import type { PageLoad } from './experiment-browser';
import type { ExperimentTiming } from './experiment-workload';

export type MatrixRow = { latencyMs: number; concurrency: number; cells: number; sdkSeconds: number; sdkErrors: number; experiment: ExperimentTiming };

export type ExperimentBenchResult = {
  driver: string;
  quick: boolean;
  matrix: MatrixRow[];
  big: ExperimentTiming & { concurrency: number; page: PageLoad & { coldFirstRenderMs: number; coldFirstGridRowMs: number } };
  peakServerRssMb: number;
};

const TARGET_RATIO = 1.3;
const TARGET_CELLS_PER_SECOND = 300;
const TARGET_RSS_GROWTH_MB = 150;

const s2 = (x: number) => `${x.toFixed(2)} s`;
const perSecond = (n: number, seconds: number) => Math.round(n / seconds);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** An experiment that lost or errored cells did not do the work the SDK did: it cannot pass. */
const complete = (r: MatrixRow) => r.experiment.status === 'completed' && r.experiment.succeeded === r.cells;

export function printExperimentReport(result: ExperimentBenchResult) {
  const lines: string[][] = [['measure', 'PromptLab experiment', 'openai SDK (same run)', 'ratio / figure', 'target', 'result']];
  for (const row of result.matrix) {
    const { experiment: e } = row;
    const ratio = e.wallSeconds / row.sdkSeconds;
    const cellsText = `${e.succeeded}/${row.cells} ok${e.errored ? `, ${e.errored} errored` : ''}${e.canceled ? `, ${e.canceled} canceled` : ''}`;
    if (row.latencyMs > 0) {
      lines.push([
        `${row.cells} cells, latency ${row.latencyMs} ms, c=${row.concurrency}`,
        `${s2(e.wallSeconds)} (${cellsText}; peak ${e.providerPeakInFlight} in flight)`,
        s2(row.sdkSeconds),
        `${ratio.toFixed(2)}×`,
        `≤ ${TARGET_RATIO}× SDK`,
        verdict(complete(row) && ratio <= TARGET_RATIO),
      ]);
    } else {
      const cps = perSecond(e.succeeded, e.wallSeconds);
      lines.push([
        `${row.cells} cells, latency 0 ms, c=${row.concurrency}`,
        `${cps} cells/s (${s2(e.wallSeconds)}; ${cellsText})`,
        `${perSecond(row.cells, row.sdkSeconds)} calls/s (${s2(row.sdkSeconds)})`,
        `${ratio.toFixed(2)}× SDK time`,
        `≥ ${TARGET_CELLS_PER_SECOND} cells/s`,
        verdict(complete(row) && cps >= TARGET_CELLS_PER_SECOND),
      ]);
    }
  }
  for (const row of result.matrix) {
    const p = row.experiment.phases;
    if (!p) continue;
    lines.push([
      `  where it went (s after the POST), latency ${row.latencyMs}, c=${row.concurrency}`,
      `first call ${p.firstRunStarted}, last call started ${p.lastRunStarted}, done ${p.lastRunFinished}`,
      '',
      `finishedAt ${row.experiment.wallSeconds.toFixed(2)} (${p.runs} runs read)`,
      '',
      '',
    ]);
  }
  const big = result.big;
  const growth = big.peakRssGrowthMb ?? NaN;
  lines.push([
    `${big.cells.toLocaleString('en-US')}-cell experiment, latency 0, c=${big.concurrency}`,
    `${s2(big.wallSeconds)}, ${perSecond(big.succeeded, big.wallSeconds)} cells/s (${big.succeeded} ok, POST answered in ${big.postMs} ms)`,
    '',
    `peak RSS growth ${growth} MB`,
    `≤ ${TARGET_RSS_GROWTH_MB} MB`,
    verdict(big.status === 'completed' && growth <= TARGET_RSS_GROWTH_MB),
  ]);
  lines.push([
    `its page /experiments/{id} (median of 3 loads)`,
    `first render ${big.page.firstRenderMs} ms, first grid row ${big.page.firstGridRowMs} ms`,
    '',
    `cold: ${big.page.coldFirstRenderMs} / ${big.page.coldFirstGridRowMs} ms; ${big.page.gridCellsRendered} cells in the DOM`,
    '(no target)',
    '',
  ]);
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const format = (l: string[]) => l.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(
    `\nbench:experiment on ${result.driver}${result.quick ? ' (quick: smaller sizes)' : ''}: wall time from the POST to the experiment's ` +
      'finishedAt; the SDK makes the same calls at the same concurrency against the same fake provider',
  );
  console.log(format(lines[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const line of lines.slice(1)) console.log(format(line));
  console.log(`peak server RSS over the whole bench: ${result.peakServerRssMb} MB`);
}
