import type { Outcome } from './outcome.js';
import { SUMMARY_COLUMNS, summaryRow } from './summary.js';
import type { TestReport } from './report.js';

const MAX_FAILING = 50;
// A table cell holds one line, and a `|` would end it.
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** A Markdown summary for a CI job page or a pull request comment. */
export function toMarkdown(report: TestReport, outcome: Outcome, unsupported: string[] = []): string {
  const icon = outcome.exitCode === 0 ? '✅' : outcome.exitCode === 1 ? '❌' : '⚠️';
  const lines = [
    `## ${icon} PromptLab test: ${cell(report.name)}`,
    '',
    `${cell(outcome.reason)} · [experiment](${report.url})`,
    '',
    `| ${SUMMARY_COLUMNS.join(' | ')} |`,
    `| ${SUMMARY_COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...report.variants.map((v) => `| ${summaryRow(v).map(cell).join(' | ')} |`),
  ];
  const failing = report.variants.flatMap((v) => v.cases.filter((c) => c.result !== 'pass').map((c) => ({ v, c })));
  if (failing.length > 0) {
    lines.push('', '### Not passing', '', '| Variant | Case | Result | Why |', '| --- | --- | --- | --- |');
    for (const { v, c } of failing.slice(0, MAX_FAILING)) lines.push(`| ${cell(v.label)} | ${cell(c.name)} | ${c.result} | ${cell(c.reasons.join('; ').slice(0, 500)) || '-'} |`);
    if (failing.length > MAX_FAILING) lines.push('', `… and ${failing.length - MAX_FAILING} more in the experiment.`);
  }
  if (unsupported.length > 0) lines.push('', '### Not checked', '', ...unsupported.map((u) => `- ${u}`));
  return `${lines.join('\n')}\n`;
}
