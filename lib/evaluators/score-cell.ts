import { EvaluatorError } from './evaluator-error';
import { getEvaluator, storedConfig } from './registry';
import type { EvalContext, EvaluatorOutcome, EvaluatorResult, EvaluatorSpec } from './types';

export { EvaluatorError };
export { openEvaluatorSecret, redactEvaluatorSecrets, restoreEvaluatorSecrets, sealEvaluatorSecrets } from './secrets';

/** Each evaluator's time unless the caller gives another: a judge or webhook past it is an error. */
export const DEFAULT_EVALUATOR_TIMEOUT_MS = 30_000;
const MAX_REASON_CHARS = 1_000;

export type CellResult = 'pass' | 'fail' | 'error';
export type CellScore = { results: EvaluatorResult[]; result: CellResult | null; score: number | null; costUsd: number };

const clipReason = (text: string) => (text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS - 1)}…` : text);

function errorResult(spec: EvaluatorSpec, weight: number, message: string, costUsd = 0): EvaluatorResult {
  return { evaluator: spec.name ?? spec.type, type: spec.type, status: 'error', pass: null, score: null, reason: clipReason(message), weight, ...(costUsd > 0 && { costUsd }) };
}

/** Applies `not`, then the evaluator's own `threshold`. A score outside [0, 1] is clamped; no number at all is an error. */
export function toResult(spec: EvaluatorSpec, outcome: EvaluatorOutcome): EvaluatorResult {
  const weight = spec.weight ?? 1;
  const cost = outcome.costUsd ?? 0;
  if (typeof outcome.score !== 'number' || !Number.isFinite(outcome.score)) return errorResult(spec, weight, 'the evaluator gave no numeric score', cost);
  let score = Math.min(1, Math.max(0, outcome.score));
  let pass = Boolean(outcome.pass);
  let reason = outcome.reason;
  if (spec.not) {
    pass = !pass;
    score = 1 - score;
    reason = `not: ${reason}`;
  }
  if (spec.threshold !== undefined) pass = score >= spec.threshold;
  return { evaluator: spec.name ?? spec.type, type: spec.type, status: pass ? 'pass' : 'fail', pass, score, reason: clipReason(reason), weight, ...(cost > 0 && { costUsd: cost }) };
}

const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : 'the evaluator failed');

/** Runs one evaluator with its own deadline, linked to the cell's signal; never throws. */
async function runOne(spec: EvaluatorSpec, ctx: EvalContext, timeoutMs: number): Promise<EvaluatorResult> {
  const weight = spec.weight ?? 1;
  const stored = storedConfig(spec);
  if (!stored.ok) return errorResult(spec, weight, stored.message);
  if (ctx.signal.aborted) return errorResult(spec, weight, 'not run: the experiment was canceled');
  const controller = new AbortController();
  const onAbort = () => controller.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  // An evaluator that ignores its signal still loses the race, so a cell is never held past the deadline.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error('timeout'));
      reject(new Error(`timed out after ${(timeoutMs / 1000).toLocaleString('en-US')} s`));
    }, timeoutMs);
    controller.signal.addEventListener('abort', () => reject(new Error(ctx.signal.aborted ? 'stopped: the experiment was canceled' : `timed out after ${(timeoutMs / 1000).toLocaleString('en-US')} s`)), { once: true });
  });
  try {
    const outcome = await Promise.race([stored.definition.evaluate(stored.config, { ...ctx, signal: controller.signal }), deadline]);
    return toResult(spec, outcome);
  } catch (error) {
    return errorResult(spec, weight, messageOf(error), error instanceof EvaluatorError ? error.costUsd : 0);
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

/** Weighted mean of the scores; all-zero weights fall back to the plain mean. */
export function weightedScore(results: readonly { score: number | null; weight: number }[]): number | null {
  const scored = results.filter((r): r is { score: number; weight: number } => r.score !== null);
  if (scored.length === 0) return null;
  const totalWeight = scored.reduce((sum, r) => sum + r.weight, 0);
  if (totalWeight === 0) return scored.reduce((sum, r) => sum + r.score, 0) / scored.length;
  return scored.reduce((sum, r) => sum + r.score * r.weight, 0) / totalWeight;
}

/**
 * The cell's verdict from its results: none → null; any error → 'error' (an error is never a fail, and the
 * score is then null); with `threshold` the weighted score must reach it; otherwise every evaluator must pass.
 */
export function combineResults(results: readonly EvaluatorResult[], threshold?: number): Pick<CellScore, 'result' | 'score'> {
  if (results.length === 0) return { result: null, score: null };
  if (results.some((r) => r.status === 'error')) return { result: 'error', score: null };
  const score = weightedScore(results);
  const pass = threshold === undefined ? results.every((r) => r.pass) : score !== null && score >= threshold;
  return { result: pass ? 'pass' : 'fail', score };
}

/**
 * Scores one cell's output. Local evaluators run first, one after another; remote ones (judge, webhook) then run
 * concurrently, each within `timeoutMs`. Results keep the specs' order; `costUsd` is what the evaluators spent.
 */
export async function scoreCell({ specs, ctx, threshold, timeoutMs = DEFAULT_EVALUATOR_TIMEOUT_MS }: {
  specs: readonly EvaluatorSpec[];
  ctx: EvalContext;
  threshold?: number | null;
  timeoutMs?: number;
}): Promise<CellScore> {
  const results: EvaluatorResult[] = new Array(specs.length);
  const remote: number[] = [];
  for (const [index, spec] of specs.entries()) {
    if (getEvaluator(spec.type)?.remote) {
      remote.push(index);
      continue;
    }
    results[index] = await runOne(spec, ctx, timeoutMs);
  }
  await Promise.all(remote.map(async (index) => (results[index] = await runOne(specs[index]!, ctx, timeoutMs))));
  const costUsd = Math.round(results.reduce((sum, r) => sum + (r.costUsd ?? 0), 0) * 1e8) / 1e8;
  return { results, ...combineResults(results, threshold ?? undefined), costUsd };
}
