// npm test – lint, typecheck, unit + integration (Vitest), end to end (Playwright); one summary line at the end.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const results = '.data/test-results';
fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(label, command, args) {
  console.log(`\n━━ ${label}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env });
  return { ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) };
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const suites = [];

for (const [label, command, args] of [
  ['lint', 'node_modules/.bin/eslint', ['--max-warnings=0', '.']],
  ['dead code', 'node_modules/.bin/knip', []],
  ['typecheck', 'node_modules/.bin/tsc', ['--noEmit']],
  // The SDK and CLI package (packages/promptlab) builds with its own tsconfig; its tests run in vitest's `sdk` project.
  ['sdk build', 'npm', ['run', 'build', '-w', 'promptlab']],
]) {
  const { ok, seconds } = run(label, command, args);
  suites.push({ label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds });
}

{
  const file = `${results}/vitest.json`;
  const { ok, seconds } = run('unit + integration', 'node_modules/.bin/vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const report = readJson(file);
  const passed = report?.numPassedTests ?? 0;
  const failed = report ? report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1) : 1;
  suites.push({ label: 'unit + integration', passed, failed, skipped: report?.numPendingTests ?? 0, seconds });
}

{
  const { ok, seconds } = run('end to end', 'node', ['scripts/e2e.mjs']);
  const stats = readJson(`${results}/e2e.json`)?.stats;
  const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  const failed = stats ? stats.unexpected + (ok || stats.unexpected > 0 ? 0 : 1) : 1;
  suites.push({ label: 'end to end', passed, failed, skipped: stats?.skipped ?? 0, seconds });
}

console.log('\n━━ Summary');
for (const s of suites) {
  console.log(`${s.failed ? '✘' : '✓'} ${s.label.padEnd(20)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(3)} failed ${String(s.skipped).padStart(3)} skipped  ${s.seconds}s`);
}
const total = (key) => suites.reduce((sum, s) => sum + s[key], 0);
console.log(`${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped`);
process.exit(total('failed') > 0 ? 1 : 0);
