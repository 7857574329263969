import { PromptLabError, type LabelTarget, type MoveLabelResult } from '../../index.js';
import { flag, intOption, parseCommandArgs, stringOption } from '../args.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';

export const deployHelp = `Usage: promptlab deploy <slug> --label production --version N [--note text]

Points the label at version N of the prompt (a deployment, recorded with the note). Protected labels need an admin's key.

Options:
  --label <name>    the label to move (required)
  --version <N>     the version it points at (required)
  --note <text>     why, shown in the deployment timeline
  --json            print the label and deployment as JSON`;

const describeTargets = (t: LabelTarget[] | null) => (t && t.length > 0 ? t.map((x) => (t.length > 1 ? `v${x.versionNumber} (${x.weight}%)` : `v${x.versionNumber}`)).join(' + ') : 'nothing');

export async function deploy(ctx: Context, argv: string[]): Promise<number> {
  const args = parseCommandArgs('deploy', argv, { label: { type: 'string', short: 'l' }, version: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean' } });
  if (flag(args, 'help')) return (ctx.out(deployHelp), 0);
  const slug = args.positionals[0];
  const label = stringOption(args, 'label');
  const versionNumber = intOption(args, 'version');
  if (!slug || !label || versionNumber === undefined) throw new CliError('deploy needs a slug, --label and --version', { hint: 'promptlab deploy <slug> --label production --version 3' });
  const api = await ctx.api();
  const note = stringOption(args, 'note');
  let data: MoveLabelResult;
  try {
    data = await api.sdk.labels.set(slug, label, { versionNumber, ...(note ? { note } : {}) });
  } catch (error) {
    // The SDK resolves the slug first (GET by-slug); the PUT itself answers 422 for an unknown version, so a 404 is the slug's.
    if (error instanceof PromptLabError && error.status === 404) {
      throw new CliError(`no prompt with slug \`${slug}\` in this workspace (or it has no version yet)`, { hint: 'promptlab pull lists them into files' });
    }
    throw api.toCliError(error);
  }
  if (flag(args, 'json')) ctx.out(JSON.stringify(data, null, 2));
  else if (!data.deployment) ctx.out(`${slug}: ${label} is already at v${versionNumber} (nothing changed)`);
  else ctx.out(`${slug}: ${label} → v${versionNumber} (was ${describeTargets(data.deployment.from)})`);
  return 0;
}
