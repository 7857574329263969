import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Api } from '../api.js';
import { flag, parseCommandArgs, stringOption } from '../args.js';
import type { Context } from '../context.js';
import { ApiRequestError, CliError } from '../errors.js';
import { formatPromptFile, parsePromptFile, promptToFile, PROMPT_FILE_SUFFIX, sameContent, type ServerPrompt, type ServerVersion } from '../prompt-file.js';
import { listLabels, listPromptIds, requirePromptBySlug } from '../prompts.js';
import { isSlug, MAX_SLUG_LENGTH } from '../slug.js';

export const pullHelp = `Usage: promptlab pull [slug] [--dir prompts] [--force]

Writes every prompt of the workspace (or only <slug>) to <dir>/<slug>${PROMPT_FILE_SUFFIX}, from its latest version.
The format is documented in packages/promptlab/docs/prompt-file.md. An existing file is overwritten unless it has
unpushed edits (its templates, variables or model differ from the version named by its \`version\`): then nothing
is written; push first, or pass --force to discard the edits.

Options:
  --dir <dir>   where the files go (default: prompts)
  --force       overwrite files with unpushed edits
  --json        print what was written as JSON`;

export async function pull(ctx: Context, argv: string[]): Promise<number> {
  const args = parseCommandArgs('pull', argv, { dir: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' } });
  if (flag(args, 'help')) return (ctx.out(pullHelp), 0);
  const api = await ctx.api();
  const dir = path.resolve(ctx.io.cwd, stringOption(args, 'dir') ?? 'prompts');
  const slug = args.positionals[0];
  const prompts: ServerPrompt[] = slug
    ? [await requirePromptBySlug(api, slug)]
    : await inBatches(await listPromptIds(api), (p) => api.get<ServerPrompt>(`/api/v1/prompts/${p.id}`));
  const targets = prompts.map((prompt) => ({ prompt, file: fileFor(dir, prompt.slug) }));
  if (!flag(args, 'force')) {
    const edited: string[] = [];
    for (const t of targets) {
      const reason = await unpushedEdits(api, t.prompt, t.file);
      if (reason) edited.push(`${path.relative(ctx.io.cwd, t.file) || t.file}: ${reason}`);
    }
    if (edited.length > 0) {
      for (const line of edited) ctx.err(`refused ${line}`);
      throw new CliError(`${edited.length} file${edited.length === 1 ? ' has' : 's have'} unpushed edits; nothing was written`, {
        exitCode: 1,
        hint: 'run `promptlab push` first, or pull with --force to discard the edits',
      });
    }
  }
  await mkdir(dir, { recursive: true });
  const written: { slug: string; version: number | null; file: string }[] = [];
  for (const { prompt, file } of targets) {
    await writeFile(file, formatPromptFile(promptToFile(prompt, await listLabels(api, prompt.id))));
    written.push({ slug: prompt.slug, version: prompt.currentVersion?.versionNumber ?? null, file: path.relative(ctx.io.cwd, file) || file });
  }
  if (flag(args, 'json')) ctx.out(JSON.stringify({ written }, null, 2));
  else {
    for (const w of written) ctx.out(`pulled ${w.slug} v${w.version ?? '-'} → ${w.file}`);
    ctx.out(`${written.length} prompt${written.length === 1 ? '' : 's'} in ${path.relative(ctx.io.cwd, dir) || '.'}`);
  }
  return 0;
}

/** The file name comes from the server: a slug outside the pattern (`../x`, `/etc/x`) must never pick where we write. */
export function fileFor(dir: string, slug: string): string {
  const shown = String(slug).slice(0, 100);
  if (!isSlug(slug)) throw new CliError(`the server answered a prompt slug \`${shown}\` that is not a slug (lowercase letters, digits and single dashes, at most ${MAX_SLUG_LENGTH} characters); nothing was written`);
  const file = path.resolve(dir, `${slug}${PROMPT_FILE_SUFFIX}`);
  if (path.dirname(file) !== path.resolve(dir)) throw new CliError(`${file} is outside ${dir}; nothing was written`);
  return file;
}

/** Why overwriting `file` would lose work, or null: no file, or its content is what its `version` holds on the server. */
async function unpushedEdits(api: Api, prompt: ServerPrompt, file: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  let parsed: ReturnType<typeof parsePromptFile>['file'];
  try {
    parsed = parsePromptFile(text, path.basename(file)).file;
  } catch {
    return 'it is not a valid prompt file (edited by hand?)';
  }
  if (parsed.version === undefined) return prompt.currentVersion ? 'it has no `version`, so it was never pulled or pushed' : null;
  const base = await versionOf(api, prompt, parsed.version);
  if (!base) return `version ${parsed.version} is not on the server`;
  return sameContent(parsed, base) ? null : `its content differs from version ${parsed.version}`;
}

async function versionOf(api: Api, prompt: ServerPrompt, versionNumber: number): Promise<ServerVersion | null> {
  if (prompt.currentVersion?.versionNumber === versionNumber) return prompt.currentVersion;
  try {
    return await api.get<ServerVersion>(`/api/v1/prompts/${prompt.id}/versions/${versionNumber}`);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}

// A few requests at a time: a workspace of a thousand prompts should not open a thousand connections.
const BATCH = 8;
async function inBatches<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) results.push(...(await Promise.all(items.slice(i, i + BATCH).map(fn))));
  return results;
}
