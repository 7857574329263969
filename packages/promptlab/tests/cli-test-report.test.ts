import { describe, expect, it } from 'vitest';
import { toJUnit, xmlEscape } from '../src/cli/test/junit.js';
import { toMarkdown } from '../src/cli/test/markdown.js';
import { decideOutcome, unsupportedSummary } from '../src/cli/test/outcome.js';
import { ProgressReporter } from '../src/cli/test/progress.js';
import { caseName, toCaseResult, type CaseResult, type TestReport, type VariantResult } from '../src/cli/test/report.js';
import { formatSummary } from '../src/cli/test/summary.js';

const pass = (name: string): CaseResult => ({ itemId: name, name, repeat: 0, result: 'pass', score: 1, reasons: [], output: 'ok', latencyMs: 1200, costUsd: 0.001 });
const fail = (name: string, reason: string): CaseResult => ({ ...pass(name), result: 'fail', score: 0, reasons: [reason], output: 'Echo: <b>&"x"' });
const variant = (label: string, cases: CaseResult[]): VariantResult => ({
  index: 0,
  label,
  passed: cases.filter((c) => c.result === 'pass').length,
  failed: cases.filter((c) => c.result === 'fail').length,
  errored: cases.filter((c) => c.result === 'error').length,
  pending: cases.filter((c) => c.result === 'pending').length,
  costUsd: 0.0123,
  latencyP50Ms: 850,
  cases,
});
const report = (...variants: VariantResult[]): TestReport => ({ name: 'capitals', experimentId: 'e1', url: 'http://x/experiments/e1', status: 'completed', durationMs: 4200, variants });

describe('exit code', () => {
  it('is 0 when all pass, 1 when one fails, 2 when one errored or did not finish', () => {
    expect(decideOutcome(report(variant('v1', [pass('a'), pass('b')])))).toEqual({ exitCode: 0, reason: 'all 2 passed' });
    expect(decideOutcome(report(variant('v1', [pass('a')]), variant('v2', [fail('a', 'contains: no')]))).exitCode).toBe(1);
    expect(decideOutcome(report(variant('v1', [fail('a', 'x'), { ...pass('b'), result: 'error', reasons: ['PROVIDER_ERROR: down'] }]))).exitCode).toBe(2);
    expect(decideOutcome(report(variant('v1', [{ ...pass('b'), result: 'pending' }]))).reason).toContain('1 did not finish');
    expect(decideOutcome(report()).exitCode).toBe(2);
  });

  it('names the unsupported assertion types', () => {
    expect(unsupportedSummary([])).toBeNull();
    const summary = unsupportedSummary([
      { what: 'tests.0.assert.1 (`similar`)', why: 'no embedding evaluator' },
      { what: 'defaultTest.assert.0 (`moderation`)', why: 'no moderation evaluator' },
      { what: 'tests.1.assert.0 (`similar`)', why: 'no embedding evaluator' },
      { what: 'provider `bedrock:claude`', why: 'no such provider' },
    ]);
    expect(summary?.headline).toBe('not checked: similar, moderation');
    expect(summary?.lines).toHaveLength(4);
    expect(unsupportedSummary([{ what: 'outputPath', why: 'x' }])?.headline).toBe('1 part of the config not carried over');
  });
});

describe('JUnit XML', () => {
  it('has one testsuite per variant, one testcase per case, failures with the reasons, escaped', () => {
    const xml = toJUnit(report(variant('v1 <gpt>', [pass('Paris'), fail('Rome & co', 'contains: output lacks "Roma"')]), variant('v2', [{ ...pass('x'), result: 'error', reasons: ['PROVIDER_ERROR: 503'] }])));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="capitals" tests="3" failures="1" errors="1" time="4.200">')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toContain('<testsuite name="v1 &lt;gpt&gt;" tests="2" failures="1" errors="0"');
    expect(xml).toContain('<testcase name="Paris" classname="promptlab.capitals.v1 &lt;gpt&gt;" time="1.200"/>');
    expect(xml).toContain('<failure message="contains: output lacks &quot;Roma&quot;" type="assertion">');
    expect(xml).toContain('output:\nEcho: &lt;b&gt;&amp;&quot;x&quot;');
    expect(xml).toContain('<error message="PROVIDER_ERROR: 503" type="error">');
    expect(xmlEscape('a\u0000b\u001bc')).toBe('abc');
  });
});

describe('summaries', () => {
  const r = report(variant('v1', [pass('Paris'), fail('Rome | Italy', 'equals: expected Roma')]));
  it('prints a table and the failing cases', () => {
    const lines = formatSummary(r, decideOutcome(r));
    expect(lines[1]).toMatch(/^Variant\s+Pass rate\s+Cases\s+Passed\s+Failed\s+Errors\s+Cost\s+p50 latency$/);
    expect(lines[3]).toMatch(/^v1\s+50%\s+2\s+1\s+1\s+0\s+\$0\.01\s+850 ms$/);
    expect(lines).toContain('  ✗ Rome | Italy (fail)');
    expect(lines).toContain('      equals: expected Roma');
    expect(lines.at(-1)).toBe('FAIL: 1 of 2 failed — http://x/experiments/e1');
  });

  it('writes Markdown with escaped table cells and the unsupported parts', () => {
    const md = toMarkdown(r, decideOutcome(r), ['tests.0.assert.1 (`similar`): no embeddings']);
    expect(md).toContain('## ❌ PromptLab test: capitals');
    expect(md).toContain('| v1 | 50% | 2 | 1 | 1 | 0 | $0.01 | 850 ms |');
    expect(md).toContain('| v1 | Rome \\| Italy | fail | equals: expected Roma |');
    expect(md).toContain('### Not checked\n\n- tests.0.assert.1 (`similar`): no embeddings');
  });
});

describe('cases', () => {
  it('are named by description, else by their variables', () => {
    expect(caseName({ input: { city: 'Paris' }, metadata: { description: 'capital' }, position: 0 })).toBe('capital');
    expect(caseName({ input: { city: 'Paris', n: 2 }, metadata: {}, position: 0 })).toBe('city=Paris, n=2');
    expect(caseName({ input: {}, metadata: {}, position: 4 })).toBe('case 5');
  });

  it('read a cell: errors carry the call error, failures the failing evaluators only', () => {
    const cell = { itemId: 'i', variant: 0, repeat: 0, status: 'succeeded' as const, result: 'fail' as const, score: 0.5, output: 'o', latencyMs: 1, costUsd: 0, errorCode: null, errorMessage: null, results: [{ evaluator: 'contains', status: 'fail' as const, reason: 'missing' }, { evaluator: 'is-json', status: 'pass' as const, reason: 'ok' }] };
    expect(toCaseResult(cell, undefined)).toMatchObject({ result: 'fail', reasons: ['contains: missing'] });
    expect(toCaseResult({ ...cell, status: 'errored' as const, result: null, errorCode: 'PROVIDER_ERROR', errorMessage: 'down' }, undefined)).toMatchObject({ result: 'error', reasons: ['PROVIDER_ERROR: down'] });
    expect(toCaseResult({ ...cell, status: 'pending' as const, result: null }, undefined).result).toBe('pending');
  });
});

describe('progress', () => {
  const p = (done: number) => ({ total: 10, succeeded: done, errored: 0, canceled: 0, pending: 10 - done });
  it('redraws a bar on a terminal', () => {
    let out = '';
    const bar = new ProgressReporter({ write: (t: string) => (out += t) }, true);
    bar.update(p(5));
    bar.done();
    expect(out).toBe(`\r[${'#'.repeat(15)}${'-'.repeat(15)}] 50% 5/10 cells\x1b[K\n`);
  });

  it('prints a line per tenth on a log, or every 10 s', () => {
    const lines: string[] = [];
    let now = 0;
    const log = new ProgressReporter({ write: (t: string) => lines.push(t) }, false, () => now);
    log.update(p(0));
    log.update(p(0));
    now = 11_000;
    log.update(p(0));
    log.update(p(3));
    expect(lines).toEqual(['progress: 0/10 cells (0%)\n', 'progress: 0/10 cells (0%)\n', 'progress: 3/10 cells (30%)\n']);
  });
});
