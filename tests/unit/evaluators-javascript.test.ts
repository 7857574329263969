import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { parseEvaluatorSpecs } from '@/lib/evaluators/registry';
import { runJavaScript, WASM_MAX_BYTES } from '@/lib/evaluators/quickjs-sandbox';
import { scoreCell } from '@/lib/evaluators/score-cell';
import type { EvalContext } from '@/lib/evaluators/types';
import { evalContext } from './evaluator-context';

async function js(code: string, ctx: Partial<EvalContext> = {}) {
  const specs = await parseEvaluatorSpecs([{ type: 'javascript', config: { code } }]);
  return (await scoreCell({ specs, ctx: evalContext(ctx) })).results[0]!;
}

describe('javascript evaluator', () => {
  it('takes an expression or a function body, returning a boolean', async () => {
    expect((await js(`output.startsWith('Par')`)).status).toBe('pass');
    expect((await js(`output === 'Rome'`)).status).toBe('fail');
    expect((await js(`const n = output.length;\nreturn n === 5;`)).status).toBe('pass');
  });
  it('reads context: expected, vars, latency, cost, usage', async () => {
    expect((await js(`output === context.expected && context.vars.topic === 'owls' && context.item.id === 'item-1'`)).status).toBe('pass');
    expect((await js(`context.latencyMs === 120 && context.costUsd === 0.0012 && context.usage.outputTokens === 5`)).status).toBe('pass');
    expect((await js(`context.expected.a + 1 === 2`, { expected: { a: 1 } })).status).toBe('pass');
  });
  it('a number is the score; an object gives pass, score and reason', async () => {
    expect(await js(`0.25`)).toMatchObject({ status: 'fail', score: 0.25 });
    expect(await js(`0.75`)).toMatchObject({ status: 'pass', score: 0.75 });
    expect(await js(`return { pass: true, score: 0.6, reason: 'close enough' }`)).toMatchObject({ status: 'pass', score: 0.6, reason: 'close enough' });
    expect(await js(`({ pass: false })`)).toMatchObject({ status: 'fail', score: 0 });
  });
  it('other returns and throws are errors, never fails', async () => {
    for (const code of [`return 'yes'`, `2`, `return { score: 1 }`, `throw new Error('boom')`, `return`, `Promise.resolve(true)`]) {
      const result = await js(code);
      expect(result.status, code).toBe('error');
      expect(result.pass).toBeNull();
    }
    expect((await js(`throw new Error('boom')`)).reason).toMatch(/boom/);
  });
  it('stops an endless loop within the time limit', async () => {
    const started = Date.now();
    const result = await js(`while (true) {}`);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.status).toBe('error');
    expect(result.reason).toMatch(/longer than 1 s/);
    expect((await js(`output.length === 5`)).status).toBe('pass'); // the module still works
  });
  it('stops running code that timed out on 3 cells in a row of one experiment', async () => {
    const specs = await parseEvaluatorSpecs([{ type: 'javascript', config: { code: 'while (output) {} return true' } }]);
    const reasons: string[] = [];
    for (let i = 0; i < 5; i++) reasons.push((await scoreCell({ specs, ctx: evalContext({ experimentId: 'runaway' }) })).results[0]!.reason);
    expect(reasons.slice(0, 3)).toEqual(Array(3).fill('the code ran longer than 1 s and was stopped'));
    expect(reasons[3]).toMatch(/^not run: this code ran past its time limit on 3 cells in a row/);
    expect(reasons[4]).toMatch(/^not run/);
    // Another experiment, and the same code on an empty output (which returns at once), still run.
    expect((await scoreCell({ specs, ctx: evalContext({ experimentId: 'other', output: '' }) })).results[0]!.reason).toBe('returned true');
  });
  it('never holds the event loop of the server, even while code spins to its limit', async () => {
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 10);
    try {
      const results = await Promise.all([js(`while (true) {}`), js(`for (;;) {}`), js(`output.length === 5`)]);
      expect(results.map((r) => r.status)).toEqual(['error', 'error', 'pass']);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(30);
    expect(longestGap).toBeLessThan(300);
  });
  it('stops memory bombs and deep recursion without growing the server', async () => {
    const rss = process.memoryUsage().rss;
    for (let i = 0; i < 5; i++) {
      // Many medium strings: QuickJS's own accounting undercounts them, the capped WebAssembly memory stops them.
      const bomb = await js(`const a = []; while (true) a.push('x'.repeat(100000) + a.length); return true`);
      expect(bomb.status).toBe('error');
      expect(bomb.reason).toMatch(/out of memory|longer than/);
    }
    expect((await js(`const a = []; for (;;) a.push({ k: 1 })`)).status).toBe('error');
    expect(process.memoryUsage().rss - rss).toBeLessThan(WASM_MAX_BYTES * 3);
    const huge = await js(`'x'.repeat(1 << 29).length > 0`);
    expect(huge.status).toBe('error');
    const deep = await js(`function f(n) { return f(n + 1) + 1; } return f(0) > 0`);
    expect(deep.status).toBe('error');
    expect((await js(`true`)).status).toBe('pass');
  });
  it('has no access to process, require, fetch or the host through constructors', async () => {
    expect((await js(`typeof process === 'undefined' && typeof require === 'undefined' && typeof fetch === 'undefined' && typeof globalThis.Buffer === 'undefined'`)).status).toBe('pass');
    expect((await js(`return this.constructor.constructor('return process')().env`)).status).toBe('error');
    const escape = await runJavaScript({ code: `(function(){ return typeof globalThis.__output })()`, output: 'x', context: {} });
    expect(escape).toEqual({ ok: true, value: 'string' }); // only what we put in
  });
  it('each call starts from a clean global', async () => {
    await js(`globalThis.leak = 1; return true`);
    expect((await js(`typeof globalThis.leak === 'undefined'`)).status).toBe('pass');
  });
  it('refuses code that does not compile at creation, naming the field', async () => {
    const error = (await parseEvaluatorSpecs([{ type: 'javascript', config: { code: 'return (' } }]).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.details!.fields![0]!.path).toBe('evaluators.0.config.code');
    expect(error.details!.fields![0]!.message).toMatch(/SyntaxError/);
    const empty = (await parseEvaluatorSpecs([{ type: 'javascript', config: { code: ' ' } }]).catch((e: unknown) => e)) as ApiError;
    expect(empty.details!.fields![0]!.path).toBe('evaluators.0.config.code');
  });
});
