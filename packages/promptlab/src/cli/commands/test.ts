import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PromptLabError } from '../../index.js';
import type { Api } from '../api.js';
import { flag, intOption, parseCommandArgs, stringOption } from '../args.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import type { ImportReport } from '../import-report.js';
import { toJUnit } from '../test/junit.js';
import { toMarkdown } from '../test/markdown.js';
import { decideOutcome, unsupportedSummary } from '../test/outcome.js';
import { parseTestYaml, readOwnConfig, testFileKind } from '../test/own-config.js';
import { experimentForOwnConfig } from '../test/own-experiment.js';
import { ProgressReporter } from '../test/progress.js';
import { loadPromptfooConfig } from '../test/promptfoo-config.js';
import { readReport, type ExperimentDetail } from '../test/report.js';
import { formatSummary } from '../test/summary.js';
import { readImportFile } from './transfer.js';

export const testHelp = `Usage: promptlab test <file> [--junit out.xml] [--markdown out.md] [--json] [--timeout 600] [--concurrency N] [--skip-unsupported]

Runs a test file as a PromptLab experiment and reports the result. <file> is either
  - a promptfoo config, unchanged (prompts, providers, tests with vars and assert, defaultTest; file:// references
    are read relative to it, tests: file://cases.csv too), or
  - a PromptLab test file (packages/promptlab/docs/test-file.md): prompt, label or versions, models, cases, evaluators.

Options:
  --junit <file>        write JUnit XML (one testsuite per variant, one testcase per case)
  --markdown <file>     write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY)
  --json                print the report as JSON instead of the table
  --timeout <seconds>   give up (and cancel the experiment) after this long (default 600)
  --concurrency <N>     calls in flight at once (1-100)
  --skip-unsupported    run even when the config has assertions or options PromptLab cannot check (they are listed)
  --allow-outside-files let file:// references leave the config's folder (absolute, ../, symlinks): they are uploaded
While waiting, a dropped connection, a 5xx or a 429 is retried with backoff until --timeout; Ctrl-C (SIGINT) or
SIGTERM cancels the experiment.
Exit code: 0 every case passed; 1 a case failed; 2 a cell errored, the file is invalid, or parts of it cannot be checked;
130 interrupted (SIGINT; SIGTERM exits 2).`;

const POLL_MS = 1000;

export async function test(ctx: Context, argv: string[]): Promise<number> {
  const args = parseCommandArgs('test', argv, {
    junit: { type: 'string' },
    markdown: { type: 'string' },
    json: { type: 'boolean' },
    timeout: { type: 'string' },
    concurrency: { type: 'string' },
    'skip-unsupported': { type: 'boolean' },
    'allow-outside-files': { type: 'boolean' },
  });
  if (flag(args, 'help')) return (ctx.out(testHelp), 0);
  const file = args.positionals[0];
  if (!file) throw new CliError('test needs a file', { hint: 'promptlab test promptfooconfig.yaml' });
  const timeoutS = intOption(args, 'timeout', { min: 1, max: 86_400 }) ?? 600;
  const concurrency = intOption(args, 'concurrency', { min: 1, max: 100 });
  const absolute = path.resolve(ctx.io.cwd, file);
  const text = await readImportFile(absolute, file);
  const value = parseTestYaml(text, file);
  const kind = testFileKind(value);
  if (!kind) {
    throw new CliError(`${file} is neither a promptfoo config (\`prompts\`, \`providers\`, \`tests\`) nor a PromptLab test file (\`prompt\`, \`cases\`, \`evaluators\`)`);
  }

  const api = await ctx.api();
  let unsupported: string[] = [];
  let body: Record<string, unknown>;
  if (kind === 'promptfoo') {
    const prepared = await promptfooExperiment(ctx, api, await loadPromptfooConfig(text, absolute, { allowOutsideFiles: flag(args, 'allow-outside-files') }), flag(args, 'skip-unsupported'));
    if (typeof prepared === 'number') return prepared;
    ({ body, unsupported } = prepared);
  } else {
    body = await experimentForOwnConfig(api, readOwnConfig(value, file), absolute);
  }
  if (concurrency !== undefined) body.concurrency = concurrency;

  const started = Date.now();
  const created = await api.post<{ id: string; totalCells: number }>('/api/v1/experiments', body);
  if (!flag(args, 'json')) ctx.err(`experiment ${created.id}: ${created.totalCells} cells — ${api.baseUrl}/experiments/${created.id}`);
  const detail = await waitForExperiment(ctx, api, created.id, timeoutS * 1000, !flag(args, 'json'));
  const report = await readReport(api, detail, Date.now() - started);
  const outcome = decideOutcome(report);

  if (flag(args, 'json')) ctx.out(JSON.stringify({ exitCode: outcome.exitCode, reason: outcome.reason, unsupported, report }, null, 2));
  else for (const line of formatSummary(report, outcome)) ctx.out(line);
  await writeOutput(ctx, stringOption(args, 'junit'), toJUnit(report));
  await writeOutput(ctx, stringOption(args, 'markdown'), toMarkdown(report, outcome, unsupported));
  return outcome.exitCode;
}

/** Imports the config (prompts, dataset, evaluators) and answers the experiment to run, or an exit code when it cannot run. */
async function promptfooExperiment(ctx: Context, api: Api, config: Record<string, unknown>, skipUnsupported: boolean): Promise<{ body: Record<string, unknown>; unsupported: string[] } | number> {
  const post = (dryRun: boolean) =>
    api.request<ImportReport>('POST', '/api/v1/import', { query: { format: 'promptfoo', ...(dryRun ? { dryRun: true } : {}) }, rawBody: { text: JSON.stringify(config), contentType: 'application/json' } });
  // A dry run first: a config with parts PromptLab cannot check writes nothing unless --skip-unsupported.
  const preview = (await post(true)).data;
  const unsupported = unsupportedSummary(preview.skipped ?? []);
  if (unsupported) {
    ctx.err(`${unsupported.headline}${skipUnsupported ? ' (--skip-unsupported: running without them)' : ''}`);
    for (const line of unsupported.lines) ctx.err(`  - ${line}`);
    if (!skipUnsupported) {
      ctx.err('nothing was run; remove these parts, or pass --skip-unsupported to run the rest');
      return 2;
    }
  }
  const report = (await post(false)).data;
  if (!report.experiment) throw new CliError('the config has no prompt or no test PromptLab can run', { hint: 'a promptfoo config needs `prompts` and `tests`' });
  return { body: { ...report.experiment }, unsupported: unsupported?.lines ?? [] };
}

/** How `promptlab test` stopped waiting, when it did not see the experiment finish. */
type Stop = { kind: 'timeout' } | { kind: 'signal'; signal: 'SIGINT' | 'SIGTERM' };

/**
 * The SDK's wait, with progress; it rides out a dropped connection, a 5xx or a 429 with backoff. On the deadline or
 * SIGINT/SIGTERM the experiment is canceled, so it does not keep spending on calls nobody reads.
 */
async function waitForExperiment(ctx: Context, api: Api, id: string, timeoutMs: number, showProgress: boolean): Promise<ExperimentDetail> {
  const progress = new ProgressReporter(ctx.io.stderr, ctx.interactive && Boolean(ctx.io.stderr.isTTY));
  const deadline = Date.now() + timeoutMs;
  const abort = new AbortController();
  const state: { stop: Stop | null } = { stop: null };
  const unsubscribe = ctx.io.onSignal?.((signal) => {
    state.stop ??= { kind: 'signal', signal };
    abort.abort();
  });
  try {
    return await api.sdk.experiments.wait(id, {
      timeoutMs,
      intervalMs: POLL_MS,
      signal: abort.signal,
      onProgress: (p) => (showProgress ? progress.update(p) : undefined),
    });
  } catch (error) {
    // The SDK's own deadline (TIMEOUT), or a server still unavailable when it passed: both are --timeout.
    const timedOut = error instanceof PromptLabError && (error.code === 'TIMEOUT' || (error.unavailable && Date.now() >= deadline));
    if (!abort.signal.aborted && !timedOut) throw api.toCliError(error);
  } finally {
    unsubscribe?.();
    if (showProgress) progress.done();
  }
  const why: Stop = state.stop ?? { kind: 'timeout' };
  ctx.err(why.kind === 'signal' ? `${why.signal}: canceling experiment ${id}` : `timed out after ${Math.round(timeoutMs / 1000)} s: canceling the experiment`);
  await api.post(`/api/v1/experiments/${id}/cancel`, {});
  if (why.kind === 'signal') throw new CliError(`experiment ${id} canceled (${why.signal})`, { exitCode: why.signal === 'SIGINT' ? 130 : 2 });
  return api.get<ExperimentDetail>(`/api/v1/experiments/${id}`);
}

async function writeOutput(ctx: Context, target: string | undefined, content: string): Promise<void> {
  if (!target) return;
  const file = path.resolve(ctx.io.cwd, target);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  ctx.err(`wrote ${target}`);
}
