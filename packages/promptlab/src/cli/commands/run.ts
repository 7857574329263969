import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { flag, intOption, parseCommandArgs, parseVarOptions, stringOption } from '../args.js';
import type { components } from '../../generated/api.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';

export const runHelp = `Usage: promptlab run <slug> [--label production | --version N] [--var name=value ...] [--vars file.json] [--wait 30] [--json]

Runs the prompt (the version the label resolves to; default: production if it exists, else the latest) and prints the output.

Options:
  --label <name>      resolve through this label
  --version <N>       run this version
  --key <text>        sticky key for a split label (the same key gets the same version)
  --var name=value    a variable (repeatable); values are coerced to the declared types
  --vars <file.json>  variables from a JSON object (--var wins)
  --wait <seconds>    how long the server waits for the run to finish (0-60, default 30)
  --json              print the whole run as JSON
Exit code: 0 succeeded, 1 the run failed, 2 it could not be started or is still running.`;

type RunView = components['schemas']['RunView'];
type RunAccepted = components['schemas']['RunAccepted'];

export async function run(ctx: Context, argv: string[]): Promise<number> {
  const args = parseCommandArgs('run', argv, {
    label: { type: 'string', short: 'l' },
    version: { type: 'string' },
    key: { type: 'string' },
    var: { type: 'string', multiple: true },
    vars: { type: 'string' },
    wait: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (flag(args, 'help')) return (ctx.out(runHelp), 0);
  const slug = args.positionals[0];
  if (!slug) throw new CliError('run needs a prompt slug', { hint: 'promptlab run support-reply --var topic=refunds' });
  const label = stringOption(args, 'label');
  const version = intOption(args, 'version');
  if (label && version !== undefined) throw new CliError('give --label or --version, not both');
  const variables = { ...(await varsFile(ctx, stringOption(args, 'vars'))), ...parseVarOptions((args.values.var as string[] | undefined) ?? []) };
  const wait = intOption(args, 'wait', { min: 0, max: 60 }) ?? 30;
  const api = await ctx.api();
  const body = { slug, variables, wait, ...(label ? { label } : {}), ...(version !== undefined ? { versionNumber: version } : {}), ...(stringOption(args, 'key') ? { key: stringOption(args, 'key') } : {}) };
  const { status, data } = await api.request<RunView | RunAccepted>('POST', '/api/v1/runs', { body, timeoutMs: (wait + 30) * 1000 });
  if (status === 202 || !('output' in data)) {
    ctx.err(`run ${data.id} is still ${data.status} after ${wait} s; see it with GET /api/v1/runs/${data.id}`);
    if (flag(args, 'json')) ctx.out(JSON.stringify(data, null, 2));
    return 2;
  }
  if (flag(args, 'json')) ctx.out(JSON.stringify(data, null, 2));
  else if (data.status === 'succeeded') ctx.out(data.output ?? '');
  else ctx.err(`run ${data.id} ${data.status}: ${data.error ? `${data.error.message} (${data.error.code})` : 'no output'}`);
  return data.status === 'succeeded' ? 0 : 1;
}

async function varsFile(ctx: Context, file: string | undefined): Promise<Record<string, unknown>> {
  if (!file) return {};
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path.resolve(ctx.io.cwd, file), 'utf8'));
  } catch (error) {
    throw new CliError(`--vars ${file}: ${error instanceof SyntaxError ? 'not valid JSON' : 'cannot be read'}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError(`--vars ${file} must hold a JSON object of variables`);
  return value as Record<string, unknown>;
}
