import type { TestReport } from './report.js';

export type Outcome = { exitCode: 0 | 1 | 2; reason: string };

/** 0: every case passed; 1: a case failed; 2: a cell errored or never finished (nothing could be concluded about it). */
export function decideOutcome(report: TestReport): Outcome {
  const total = (k: 'passed' | 'failed' | 'errored' | 'pending') => report.variants.reduce((n, v) => n + v[k], 0);
  const [passed, failed, errored, pending] = [total('passed'), total('failed'), total('errored'), total('pending')];
  if (errored + pending > 0) {
    const parts = [errored ? `${errored} errored` : '', pending ? `${pending} did not finish` : ''].filter(Boolean).join(', ');
    return { exitCode: 2, reason: `${parts} (and ${failed} failed, ${passed} passed)` };
  }
  if (passed + failed === 0) return { exitCode: 2, reason: 'no case was scored' };
  if (failed > 0) return { exitCode: 1, reason: `${failed} of ${passed + failed} failed` };
  return { exitCode: 0, reason: `all ${passed} passed` };
}

/**
 * Parts of a promptfoo config the import could not carry over, with the assertion types named for the headline
 * ("not checked: similar, moderation"); the import reports an assertion as `tests.N.assert.M (\`type\`)`.
 */
export function unsupportedSummary(skipped: { what: string; why: string }[]): { headline: string; lines: string[] } | null {
  if (skipped.length === 0) return null;
  const types = new Set<string>();
  for (const s of skipped) {
    const match = /assert(?:ion)?[^`]*`([^`]+)`/.exec(s.what);
    if (match?.[1]) types.add(match[1]);
  }
  const headline = types.size > 0 ? `not checked: ${[...types].join(', ')}` : `${skipped.length} part${skipped.length === 1 ? '' : 's'} of the config not carried over`;
  return { headline, lines: skipped.map((s) => `${s.what}: ${s.why}`) };
}
