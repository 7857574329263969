import type { CellStat } from './summarize';
import { isScored } from './summarize';
import type { Interval, VariantComparison, Verdict } from './types';
import { pairedBootstrapDiffInterval } from '@/lib/stats/bootstrap';
import { mcnemarExact } from '@/lib/stats/mcnemar';
import { minDetectableDiff } from '@/lib/stats/power';

/** Below this many pairs the verdict is always inconclusive. */
export const MIN_PAIRS_FOR_VERDICT = 5;
/** A verdict from the score interval alone (McNemar not significant) needs at least this many score pairs. */
export const MIN_PAIRS_FOR_SCORE_VERDICT = 10;
const ALPHA = 0.05;
/**
 * With graded scores the verdict may come from two tests (McNemar, then the score interval), so each gets half the
 * alpha (Bonferroni) and the chance of a false verdict stays at most 5%. With 0/1 scores equal to pass the score
 * says nothing McNemar has not, so McNemar alone decides at the full alpha.
 */
const GRADED_ALPHA = ALPHA / 2;

type Pair = { a: CellStat & { result: 'pass' | 'fail' }; b: CellStat & { result: 'pass' | 'fail' } };

/**
 * Variant a against variant b, paired by (item, repeat) where both cells are scored (pass or fail; errored,
 * canceled and pending cells make no pair). Differences are a − b. The verdict follows McNemar's exact test on
 * pass/fail; when scores are graded (not all 0/1 equal to pass) and that is not significant, a paired score interval
 * that excludes 0 may decide it instead, both tests then at alpha/2 (see GRADED_ALPHA).
 */
export function compareVariants(input: {
  experimentId: string;
  a: number;
  b: number;
  cells: readonly CellStat[];
  /** Names in `reason`; default "A" and "B". */
  labels?: { a: string; b: string };
}): VariantComparison {
  const { a, b } = input;
  const pairs = pairCells(input.cells, a, b);
  const n = pairs.length;
  const names = input.labels ?? { a: 'A', b: 'B' };
  // Seeded by the unordered pair and mirrored, so swapping A and B mirrors the intervals exactly.
  const flip = a > b;
  const seed = `${input.experimentId}:${Math.min(a, b)}:${Math.max(a, b)}`;
  const diffInterval = (x: number[], y: number[], kind: string, confidence = 1 - ALPHA) => {
    const ci = pairedBootstrapDiffInterval(flip ? y : x, flip ? x : y, { seed: `${seed}:${kind}`, confidence });
    return ci && flip ? { low: 0 - ci.high, high: 0 - ci.low } : ci; // 0 − x: no −0 in the JSON
  };

  const passA = pairs.map((p) => (p.a.result === 'pass' ? 1 : 0));
  const passB = pairs.map((p) => (p.b.result === 'pass' ? 1 : 0));
  const aOnly = passA.filter((x, i) => x === 1 && passB[i] === 0).length;
  const bOnly = passA.filter((x, i) => x === 0 && passB[i] === 1).length;
  const passRateA = n > 0 ? sum(passA) / n : null;
  const passRateB = n > 0 ? sum(passB) / n : null;
  const passDiff = n > 0 ? (aOnly - bOnly) / n : null;
  const passCi = diffInterval(passA, passB, 'pass');
  const pValue = n > 0 ? mcnemarExact(aOnly, bOnly).pValue : null;

  const scorePairs = pairs.filter((p) => p.a.score !== null && p.b.score !== null);
  const scoreA = scorePairs.map((p) => p.a.score!);
  const scoreB = scorePairs.map((p) => p.b.score!);
  const meanA = scoreA.length > 0 ? sum(scoreA) / scoreA.length : null;
  const meanB = scoreB.length > 0 ? sum(scoreB) / scoreB.length : null;
  const scoreDiff = meanA !== null && meanB !== null ? meanA - meanB : null;
  const scoreCi = diffInterval(scoreA, scoreB, 'score');
  const graded = scorePairs.some((p) => p.a.score !== passValue(p.a) || p.b.score !== passValue(p.b));
  // The verdict's score interval: 97.5%, its own seed so the reported 95% interval is unchanged.
  const verdictCi = graded && scorePairs.length >= MIN_PAIRS_FOR_SCORE_VERDICT
    ? diffInterval(scoreA, scoreB, 'score', 1 - GRADED_ALPHA)
    : null;

  const mdd = minDetectableDiff(passA.map((x, i) => x - passB[i]!), { binary: true });
  const { verdict, reason } = decide({ n, aOnly, bOnly, pValue, scoreDiff, verdictCi, mdd, names });
  return {
    a,
    b,
    pairs: n,
    passRate: { a: passRateA, b: passRateB, diff: passDiff, ci: passCi },
    score: { a: meanA, b: meanB, diff: scoreDiff, ci: scoreCi },
    mcnemar: { aOnly, bOnly, pValue },
    verdict,
    reason,
    minDetectableDiff: mdd,
  };
}

function pairCells(cells: readonly CellStat[], a: number, b: number): Pair[] {
  const key = (c: CellStat) => `${c.repeat}\u0000${c.itemId}`;
  const fromB = new Map<string, CellStat & { result: 'pass' | 'fail' }>();
  for (const cell of cells) if (cell.variant === b && isScored(cell) && !fromB.has(key(cell))) fromB.set(key(cell), cell);
  const pairs: Pair[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    if (cell.variant !== a || !isScored(cell) || seen.has(key(cell))) continue;
    seen.add(key(cell));
    const other = fromB.get(key(cell));
    if (other) pairs.push({ a: cell, b: other });
  }
  return pairs;
}

function decide(s: {
  n: number;
  aOnly: number;
  bOnly: number;
  pValue: number | null;
  scoreDiff: number | null;
  /** The 97.5% paired score interval, null when the score rule does not apply (0/1 scores or too few pairs). */
  verdictCi: Interval | null;
  mdd: number | null;
  names: { a: string; b: string };
}): { verdict: Verdict; reason: string } {
  const { a: nameA, b: nameB } = s.names;
  if (s.n < MIN_PAIRS_FOR_VERDICT) {
    const counted = s.n === 0 ? 'No pairs are scored on both sides' : `Only ${plural(s.n, 'pair is', 'pairs are')} scored on both sides`;
    return { verdict: 'inconclusive', reason: `${counted}; at least ${MIN_PAIRS_FOR_VERDICT} are needed for a verdict.` };
  }
  const p = formatP(s.pValue!);
  const lead = s.aOnly === s.bOnly
    ? `${nameA} and ${nameB} pass equally often over ${s.n} pairs (${s.aOnly} each where the other fails)`
    : `${s.aOnly > s.bOnly ? nameA : nameB} passes ${Math.abs(s.aOnly - s.bOnly)} more of ${s.n} pairs`;
  const ci = s.verdictCi; // set only when the score rule applies: then two tests, each at alpha/2
  const alpha = ci ? GRADED_ALPHA : ALPHA;
  if (s.pValue! < alpha) {
    return { verdict: s.aOnly > s.bOnly ? 'a_better' : 'b_better', reason: `${lead}; McNemar ${p}.` };
  }
  if (ci && s.scoreDiff !== null && (ci.low > 0 || ci.high < 0)) {
    const winner = ci.low > 0 ? nameA : nameB;
    return {
      verdict: ci.low > 0 ? 'a_better' : 'b_better',
      reason:
        `Pass rates do not differ significantly (McNemar ${p}), but ${winner}'s mean score is higher by ` +
        `${fmt(Math.abs(s.scoreDiff))} (97.5% CI ${fmt(ci.low)} to ${fmt(ci.high)} for ${nameA} − ${nameB}; ` +
        `both tests at ${GRADED_ALPHA}).`,
    };
  }
  const detect =
    s.mdd !== null ? `; this sample could detect a pass-rate difference of about ${Math.round(s.mdd * 100)} points` : '';
  const tests = ci
    ? `McNemar ${p} and the 97.5% score interval includes 0 (both tests at ${GRADED_ALPHA}), not significant`
    : `McNemar ${p}, not significant`;
  return { verdict: 'inconclusive', reason: `${lead}; ${tests}${detect}.` };
}

function passValue(cell: { result: 'pass' | 'fail' }): number {
  return cell.result === 'pass' ? 1 : 0;
}

function sum(values: readonly number[]): number {
  return values.reduce((s, x) => s + x, 0);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function fmt(x: number): string {
  return x.toFixed(3);
}

/** "p = 0.021", "p = 1", "p < 0.001": two significant digits are all a reader needs. */
function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${Number(p.toPrecision(2))}`;
}
