import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { EVALUATORS, type RegisteredEvaluator } from '@/lib/evaluators/registry';
import { combineResults, EvaluatorError, scoreCell, weightedScore } from '@/lib/evaluators/score-cell';
import type { EvaluatorResult, EvaluatorSpec } from '@/lib/evaluators/types';
import { evalContext } from './evaluator-context';

const result = (status: EvaluatorResult['status'], score: number | null, weight = 1): EvaluatorResult => ({
  evaluator: status,
  type: 'x',
  status,
  pass: status === 'error' ? null : status === 'pass',
  score,
  reason: '',
  weight,
});

/** Stand-in evaluators (remote ones like a judge), seen through the registry as scoreCell sees it. */
function withFakes(fakes: Record<string, Omit<RegisteredEvaluator, 'type' | 'configSchema'>>) {
  const real = EVALUATORS.get.bind(EVALUATORS);
  vi.spyOn(EVALUATORS, 'get').mockImplementation((type: string) => {
    const fake = fakes[type];
    return fake ? { type, configSchema: z.object({}), ...fake } : real(type);
  });
}
afterEach(() => vi.restoreAllMocks());

describe('combineResults', () => {
  it('no evaluators → null', () => {
    expect(combineResults([])).toEqual({ result: null, score: null });
  });
  it('every evaluator must pass without a threshold', () => {
    expect(combineResults([result('pass', 1), result('pass', 1)])).toEqual({ result: 'pass', score: 1 });
    expect(combineResults([result('pass', 1), result('fail', 0)])).toEqual({ result: 'fail', score: 0.5 });
  });
  it('an error is never a fail, even beside a failing evaluator', () => {
    expect(combineResults([result('fail', 0), result('error', null)])).toEqual({ result: 'error', score: null });
    expect(combineResults([result('pass', 1), result('error', null)], 0.1).result).toBe('error');
  });
  it('with a threshold the weighted score decides', () => {
    const results = [result('pass', 1, 3), result('fail', 0, 1)];
    expect(combineResults(results, 0.75)).toEqual({ result: 'pass', score: 0.75 });
    expect(combineResults(results, 0.8)).toEqual({ result: 'fail', score: 0.75 });
  });
  it('all-zero weights fall back to the plain mean', () => {
    expect(weightedScore([result('pass', 1, 0), result('fail', 0, 0), result('pass', 0.5, 0)])).toBeCloseTo(0.5);
    expect(weightedScore([result('pass', 1, 0), result('fail', 0, 2)])).toBe(0);
  });
});

describe('scoreCell', () => {
  const specs = (...types: string[]): EvaluatorSpec[] => types.map((type) => ({ type, config: type === 'contains' ? { value: 'Par' } : {}, name: type }));

  it('scores, combines and keeps the specs order, local ones before remote ones', async () => {
    const order: string[] = [];
    withFakes({
      judge: { remote: true, evaluate: async () => (order.push('judge'), { pass: true, score: 0.9, reason: 'good', costUsd: 0.002 }) },
      local: { evaluate: async () => (order.push('local'), { pass: true, score: 1, reason: 'ok' }) },
    });
    const scored = await scoreCell({ specs: specs('judge', 'local', 'contains'), ctx: evalContext() });
    expect(scored.results.map((r) => r.evaluator)).toEqual(['judge', 'local', 'contains']);
    expect(order).toEqual(['local', 'judge']);
    expect(scored.result).toBe('pass');
    expect(scored.score).toBeCloseTo((0.9 + 1 + 1) / 3);
    expect(scored.costUsd).toBe(0.002);
  });

  it('a thrown error is an error result with its reason, and its spend still counts', async () => {
    withFakes({ judge: { remote: true, evaluate: async () => { throw new EvaluatorError('the judge answered no JSON', 0.003); } } });
    const scored = await scoreCell({ specs: specs('contains', 'judge'), ctx: evalContext({ output: 'nope' }) });
    expect(scored.results[1]).toMatchObject({ status: 'error', pass: null, score: null, reason: 'the judge answered no JSON', costUsd: 0.003 });
    expect(scored.result).toBe('error'); // although `contains` failed
    expect(scored.costUsd).toBe(0.003);
  });

  it('a remote evaluator past its timeout is an error, even one that ignores its signal', async () => {
    withFakes({ slow: { remote: true, evaluate: () => new Promise(() => {}) } });
    const started = Date.now();
    const scored = await scoreCell({ specs: specs('slow', 'contains'), ctx: evalContext(), timeoutMs: 100 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(scored.results[0]).toMatchObject({ status: 'error', reason: 'timed out after 0.1 s' });
    expect(scored.results[1]!.status).toBe('pass');
    expect(scored.result).toBe('error');
  });

  it('gives the evaluator an aborted signal on timeout and on cancel', async () => {
    const seen: AbortSignal[] = [];
    withFakes({
      waits: {
        remote: true,
        evaluate: (_config, ctx) => {
          seen.push(ctx.signal);
          return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))));
        },
      },
    });
    const cancel = new AbortController();
    const pending = scoreCell({ specs: specs('waits'), ctx: evalContext({ signal: cancel.signal }), timeoutMs: 10_000 });
    setTimeout(() => cancel.abort(), 20);
    const scored = await pending;
    expect(seen[0]!.aborted).toBe(true);
    expect(scored.results[0]).toMatchObject({ status: 'error', reason: expect.stringMatching(/canceled|aborted/) });
    const again = await scoreCell({ specs: specs('waits'), ctx: evalContext({ signal: cancel.signal }) });
    expect(again.results[0]!.reason).toMatch(/canceled/);
  });

  it('a score out of range is clamped; a missing score is an error', async () => {
    withFakes({
      big: { evaluate: async () => ({ pass: true, score: 7, reason: '' }) },
      nan: { evaluate: async () => ({ pass: true, score: Number.NaN, reason: '' }) },
    });
    const scored = await scoreCell({ specs: specs('big', 'nan'), ctx: evalContext() });
    expect(scored.results[0]!.score).toBe(1);
    expect(scored.results[1]!.status).toBe('error');
  });

  it('an unknown stored type or a stored config that no longer parses is an error result', async () => {
    const scored = await scoreCell({ specs: [{ type: 'gone', config: {} }, { type: 'latency', config: { ms: 'x' } }], ctx: evalContext() });
    expect(scored.results.map((r) => r.status)).toEqual(['error', 'error']);
  });

  it('no evaluators → no verdict', async () => {
    expect(await scoreCell({ specs: [], ctx: evalContext() })).toEqual({ results: [], result: null, score: null, costUsd: 0 });
  });
});
