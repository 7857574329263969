import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flag, parseCommandArgs, stringOption } from '../args.js';
import type { Context } from '../context.js';
import { formatPromptFile, promptToFile, PROMPT_FILE_SUFFIX, type ServerPrompt } from '../prompt-file.js';
import { listLabels, listPromptIds, requirePromptBySlug } from '../prompts.js';

export const pullHelp = `Usage: promptlab pull [slug] [--dir prompts]

Writes every prompt of the workspace (or only <slug>) to <dir>/<slug>${PROMPT_FILE_SUFFIX}, from its latest version.
The format is documented in packages/promptlab/docs/prompt-file.md. Existing files are overwritten.

Options:
  --dir <dir>   where the files go (default: prompts)
  --json        print what was written as JSON`;

export async function pull(ctx: Context, argv: string[]): Promise<number> {
  const args = parseCommandArgs('pull', argv, { dir: { type: 'string' }, json: { type: 'boolean' } });
  if (flag(args, 'help')) return (ctx.out(pullHelp), 0);
  const api = await ctx.api();
  const dir = path.resolve(ctx.io.cwd, stringOption(args, 'dir') ?? 'prompts');
  const slug = args.positionals[0];
  const prompts: ServerPrompt[] = slug
    ? [await requirePromptBySlug(api, slug)]
    : await inBatches(await listPromptIds(api), (p) => api.get<ServerPrompt>(`/api/v1/prompts/${p.id}`));
  await mkdir(dir, { recursive: true });
  const written: { slug: string; version: number | null; file: string }[] = [];
  for (const prompt of prompts) {
    const file = path.join(dir, `${prompt.slug}${PROMPT_FILE_SUFFIX}`);
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

// A few requests at a time: a workspace of a thousand prompts should not open a thousand connections.
const BATCH = 8;
async function inBatches<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) results.push(...(await Promise.all(items.slice(i, i + BATCH).map(fn))));
  return results;
}
