import type { CaseResult, TestReport } from './report.js';

// XML 1.0 cannot carry most control characters, even escaped: they are dropped.
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xmlEscape = (text: string) =>
  text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const MAX_BODY = 4_000;
const seconds = (ms: number | null) => ((ms ?? 0) / 1000).toFixed(3);
const clip = (text: string) => (text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}…` : text);

function testcase(c: CaseResult, classname: string, repeats: boolean): string {
  const name = xmlEscape(repeats ? `${c.name} #${c.repeat + 1}` : c.name);
  const open = `    <testcase name="${name}" classname="${xmlEscape(classname)}" time="${seconds(c.latencyMs)}"`;
  if (c.result === 'pass') return `${open}/>`;
  const body = xmlEscape(clip([...c.reasons, ...(c.output !== null ? ['', 'output:', c.output] : [])].join('\n')));
  const message = xmlEscape(c.reasons[0] ?? (c.result === 'pending' ? 'did not finish' : 'failed'));
  const tag = c.result === 'fail' ? 'failure' : 'error';
  const type = c.result === 'fail' ? 'assertion' : c.result === 'pending' ? 'timeout' : 'error';
  return `${open}>\n      <${tag} message="${message}" type="${type}">${body}</${tag}>\n    </testcase>`;
}

/** JUnit XML: one testsuite per variant, one testcase per item (per repeat), failures carrying the evaluators' reasons. */
export function toJUnit(report: TestReport): string {
  const repeats = report.variants.some((v) => v.cases.some((c) => c.repeat > 0));
  const totals = { tests: 0, failures: 0, errors: 0 };
  const suites = report.variants.map((v) => {
    const tests = v.cases.length;
    const failures = v.failed;
    const errors = v.errored + v.pending;
    totals.tests += tests;
    totals.failures += failures;
    totals.errors += errors;
    const time = v.cases.reduce((ms, c) => ms + (c.latencyMs ?? 0), 0);
    const classname = `promptlab.${report.name}.${v.label}`;
    return [
      `  <testsuite name="${xmlEscape(v.label)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}">`,
      `    <properties>\n      <property name="experimentId" value="${xmlEscape(report.experimentId)}"/>\n      <property name="url" value="${xmlEscape(report.url)}"/>\n    </properties>`,
      ...v.cases.map((c) => testcase(c, classname, repeats)),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(report.name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${seconds(report.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
