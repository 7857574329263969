import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { checkJavaScript, runJavaScript } from './quickjs-sandbox';
import type { EvaluatorDefinition, EvaluatorOutcome } from './types';
import type { RegisteredEvaluator } from './registry';

export const MAX_CODE_CHARS = 20_000;

const configSchema = z.strictObject({
  /**
   * The body of `function (output, context)`, or one expression, run in a QuickJS sandbox (1 s, 32 MB). It returns a
   * boolean, a number in [0, 1] (passes at ≥ 0.5) or `{ pass, score?, reason? }`. `context` is
   * `{ expected, vars, item, latencyMs, costUsd, usage, toolCalls }`.
   */
  code: z.string().trim().min(1, 'must not be empty').max(MAX_CODE_CHARS, `at most ${MAX_CODE_CHARS.toLocaleString('en-US')} characters`),
});
export type JavaScriptConfig = z.infer<typeof configSchema>;

const SHAPE = 'return a boolean, a number from 0 to 1, or { pass: boolean, score?: number, reason?: string }';

/** What the function returned, as an outcome; anything else is an error. */
export function toOutcome(value: unknown): EvaluatorOutcome {
  if (typeof value === 'boolean') return { pass: value, score: value ? 1 : 0, reason: `returned ${value}` };
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`returned ${value}: a score must be from 0 to 1`);
    return { pass: value >= 0.5, score: value, reason: `returned ${value}` };
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { pass?: unknown }).pass === 'boolean') {
    const { pass, score, reason } = value as { pass: boolean; score?: unknown; reason?: unknown };
    if (score !== undefined && (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1)) throw new Error('`score` must be a number from 0 to 1');
    return { pass, score: typeof score === 'number' ? score : pass ? 1 : 0, reason: typeof reason === 'string' ? reason : `returned pass: ${pass}` };
  }
  throw new Error(`the code returned ${JSON.stringify(value)?.slice(0, 100) ?? 'undefined'}: ${SHAPE}`);
}

/*
 * Code that ran past its limit on several cells in a row of one experiment would on every other cell too: those
 * fail at once for a while, so a runaway function costs the sandbox seconds, not hours. Success resets the count.
 */
const TRIP_AFTER = 3;
const TRIPPED_MS = 10 * 60_000;
const MAX_TRACKED = 1_000;
const runaway = new Map<string, { timeouts: number; until: number }>();

function tripped(key: string): boolean {
  const entry = runaway.get(key);
  if (!entry || entry.timeouts < TRIP_AFTER) return false;
  if (entry.until > Date.now()) return true;
  runaway.delete(key);
  return false;
}

function recordRun(key: string, timedOut: boolean) {
  if (!timedOut) return void runaway.delete(key);
  const entry = runaway.get(key) ?? { timeouts: 0, until: 0 };
  runaway.delete(key); // most recent last
  runaway.set(key, { timeouts: entry.timeouts + 1, until: Date.now() + TRIPPED_MS });
  if (runaway.size > MAX_TRACKED) runaway.delete(runaway.keys().next().value as string);
}

export const javascriptEvaluator: EvaluatorDefinition<JavaScriptConfig> & Pick<RegisteredEvaluator, 'checkConfig'> = {
  type: 'javascript',
  configSchema,
  async checkConfig(config: JavaScriptConfig) {
    const problem = await checkJavaScript(config.code);
    return problem ? [{ path: 'code', message: `does not compile: ${problem}` }] : [];
  },
  async evaluate(config, ctx) {
    const context = { expected: ctx.expected, vars: ctx.vars, item: ctx.item, latencyMs: ctx.latencyMs, costUsd: ctx.costUsd, usage: ctx.usage, toolCalls: ctx.toolCalls };
    const key = `${ctx.experimentId}:${createHash('sha256').update(config.code).digest('base64url')}`;
    if (tripped(key)) throw new Error(`not run: this code ran past its time limit on ${TRIP_AFTER} cells in a row of this experiment; fix it and re-run`);
    // The cell's signal: a cell past its deadline or canceled while queued is dropped from the sandbox's queue.
    const result = await runJavaScript({ code: config.code, output: ctx.output, context, signal: ctx.signal });
    recordRun(key, !result.ok && result.timedOut === true);
    if (!result.ok) throw new Error(result.error);
    return toOutcome(result.value);
  },
};
