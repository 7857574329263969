import type { Outcome } from './outcome.js';
import type { TestReport, VariantResult } from './report.js';

const MAX_FAILING_SHOWN = 20;
const rate = (v: VariantResult) => (v.passed + v.failed > 0 ? `${Math.round((100 * v.passed) / (v.passed + v.failed))}%` : '-');
const usd = (n: number) => (n === 0 ? '$0' : n < 0.0001 ? '<$0.0001' : n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);
const ms = (n: number | null) => (n === null ? '-' : n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(1)} s`);

export const SUMMARY_COLUMNS = ['Variant', 'Pass rate', 'Cases', 'Passed', 'Failed', 'Errors', 'Cost', 'p50 latency'] as const;
export const summaryRow = (v: VariantResult) => [v.label, rate(v), String(v.cases.length), String(v.passed), String(v.failed), String(v.errored + v.pending), usd(v.costUsd), ms(v.latencyP50Ms)];

/** The terminal summary: a table per variant, then the failing cases with their reasons. */
export function formatSummary(report: TestReport, outcome: Outcome): string[] {
  const rows = [[...SUMMARY_COLUMNS], ...report.variants.map(summaryRow)];
  const widths = SUMMARY_COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const lines = ['', line(rows[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  for (const v of report.variants) {
    const failing = v.cases.filter((c) => c.result !== 'pass');
    if (failing.length === 0) continue;
    lines.push('', `${v.label}: ${failing.length} not passing`);
    for (const c of failing.slice(0, MAX_FAILING_SHOWN)) {
      lines.push(`  ✗ ${c.name}${c.repeat > 0 ? ` #${c.repeat + 1}` : ''} (${c.result})`);
      for (const reason of c.reasons.slice(0, 5)) lines.push(`      ${reason.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    if (failing.length > MAX_FAILING_SHOWN) lines.push(`  … and ${failing.length - MAX_FAILING_SHOWN} more (see ${report.url})`);
  }
  lines.push('', `${outcome.exitCode === 0 ? 'PASS' : outcome.exitCode === 1 ? 'FAIL' : 'ERROR'}: ${outcome.reason} — ${report.url}`);
  return lines;
}
