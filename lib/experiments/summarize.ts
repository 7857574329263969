import type { CellStatus } from './statuses';
import type { ResolvedVariant, VariantSummary } from './types';
import { bootstrapMeanInterval } from '@/lib/stats/bootstrap';
import { p50p95 } from '@/lib/stats/percentile';
import { wilsonInterval } from '@/lib/stats/wilson';

/** What the statistics need of one cell (a row of experiment_cells with its run's figures). */
export type CellStat = {
  itemId: string;
  variant: number;
  repeat: number;
  status: CellStatus;
  /** The cell's combined evaluator verdict; null until scored, or when the experiment has no evaluators. */
  result: 'pass' | 'fail' | 'error' | null;
  score: number | null;
  latencyMs: number | null;
  /** The call's cost (0 for a reused cell); null when the model has no price. */
  costUsd: number | null;
  judgeCostUsd: number | null;
  usage: { inputTokens: number; outputTokens: number; totalTokens: number } | null;
  reused: boolean;
};

/** A cell counts in pass rates and scores only when its call succeeded and its evaluators gave pass or fail. */
export function isScored(cell: CellStat): cell is CellStat & { result: 'pass' | 'fail' } {
  return cell.status === 'succeeded' && (cell.result === 'pass' || cell.result === 'fail');
}

/** Errored: the call failed after its retries, or the call succeeded and an evaluator errored. */
export function isErrored(cell: CellStat): boolean {
  return cell.status === 'errored' || (cell.status === 'succeeded' && cell.result === 'error');
}

/**
 * One summary per variant, in variant order. Errored, canceled and pending cells are counted apart and never
 * enter pass rates, scores or latency. Tokens cover every succeeded cell (reused ones describe the same outputs);
 * costUsd is what this experiment spent (reused cells cost 0; unknown prices are counted in unknownCostCells).
 */
export function summarizeVariants(input: {
  experimentId: string;
  variants: readonly ResolvedVariant[];
  cells: readonly CellStat[];
  repeats: number;
}): VariantSummary[] {
  const byVariant = new Map<number, CellStat[]>();
  for (const cell of input.cells) {
    const list = byVariant.get(cell.variant);
    if (list) list.push(cell);
    else byVariant.set(cell.variant, [cell]);
  }
  return input.variants.map((variant) =>
    summarizeVariant(input.experimentId, variant, byVariant.get(variant.index) ?? [], input.repeats),
  );
}

function summarizeVariant(experimentId: string, variant: ResolvedVariant, cells: CellStat[], repeats: number): VariantSummary {
  let passed = 0, failed = 0, errored = 0, canceled = 0, pending = 0, reused = 0, unknownCostCells = 0;
  let costUsd = 0, judgeCostUsd = 0;
  const tokens = { input: 0, output: 0, total: 0 };
  const scores: number[] = [];
  const latencies: number[] = [];
  const succeededItems = new Set<string>();
  // itemId → pass verdicts of its scored repeats, for flakiness.
  const verdicts = new Map<string, boolean[]>();

  for (const cell of cells) {
    if (cell.reused) reused++;
    if (cell.costUsd !== null) costUsd += cell.costUsd;
    if (cell.judgeCostUsd !== null) judgeCostUsd += cell.judgeCostUsd;
    if (cell.status === 'canceled') canceled++;
    else if (cell.status === 'pending') pending++;
    if (isErrored(cell)) errored++;
    if (cell.status !== 'succeeded') continue;

    succeededItems.add(cell.itemId);
    if (cell.latencyMs !== null) latencies.push(cell.latencyMs);
    if (cell.costUsd === null && !cell.reused) unknownCostCells++;
    if (cell.usage) {
      tokens.input += cell.usage.inputTokens;
      tokens.output += cell.usage.outputTokens;
      tokens.total += cell.usage.totalTokens;
    }
    if (!isScored(cell)) continue;
    const pass = cell.result === 'pass';
    if (pass) passed++;
    else failed++;
    if (cell.score !== null) scores.push(cell.score);
    const list = verdicts.get(cell.itemId);
    if (list) list.push(pass);
    else verdicts.set(cell.itemId, [pass]);
  }

  const scored = passed + failed;
  const { p50, p95 } = p50p95(latencies);
  const flaky = repeats > 1 ? countFlaky(verdicts) : null;
  return {
    variant: variant.index,
    label: variant.label,
    promptId: variant.promptId,
    versionNumber: variant.versionNumber,
    provider: variant.provider,
    model: variant.model,
    cells: cells.length,
    scored,
    passed,
    failed,
    errored,
    canceled,
    pending,
    reused,
    passRate: scored > 0 ? passed / scored : null,
    passRateCi: wilsonInterval(passed, scored),
    meanScore: scores.length > 0 ? scores.reduce((s, x) => s + x, 0) / scores.length : null,
    meanScoreCi: bootstrapMeanInterval(scores, { seed: `${experimentId}:${variant.index}` }),
    latencyP50Ms: p50,
    latencyP95Ms: p95,
    tokens,
    costUsd,
    judgeCostUsd,
    costPerItemUsd: succeededItems.size > 0 ? costUsd / succeededItems.size : null,
    unknownCostCells,
    flakyItems: flaky?.flaky ?? null,
    flakyShare: flaky && flaky.eligible > 0 ? flaky.flaky / flaky.eligible : null,
  };
}

/** Items with ≥ 2 scored repeats are eligible; flaky when those repeats do not all agree on pass. */
function countFlaky(verdicts: Map<string, boolean[]>): { flaky: number; eligible: number } {
  let flaky = 0, eligible = 0;
  for (const list of verdicts.values()) {
    if (list.length < 2) continue;
    eligible++;
    if (list.some((v) => v !== list[0])) flaky++;
  }
  return { flaky, eligible };
}
