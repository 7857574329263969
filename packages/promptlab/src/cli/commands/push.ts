import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from 'yaml';
import type { Api } from '../api.js';
import { flag, parseCommandArgs, stringOption } from '../args.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import { canonical, parsePromptFile, PROMPT_FILE_SUFFIX, sameContent, updateFileAfterPush, versionBody, type PromptFile, type ServerPrompt } from '../prompt-file.js';
import { findPromptBySlug } from '../prompts.js';

export const pushHelp = `Usage: promptlab push [files...] [--dir prompts] [--dry-run] [--message text] [--force]

Sends prompt files (every *${PROMPT_FILE_SUFFIX} in <dir>, or the files given) to the workspace:
  - a prompt whose slug is not there yet is created;
  - a new version is saved only when the templates, variables or model differ from the latest version;
  - title, description and tags are updated in place (no new version).
Nothing is written when any file is invalid, or when the server's latest version is newer than the file's
\`version\` (someone saved since you pulled): pull again, or pass --force to save over it.

Options:
  --dir <dir>       where the files are (default: prompts)
  --dry-run         say what would change, change nothing
  --message <text>  notes for the new versions
  --force           save even when the server has a newer version than the file
  --json            print the outcome as JSON`;

type Plan = {
  fileName: string;
  file: PromptFile;
  document: Document;
  server: ServerPrompt | null;
  action: 'create' | 'version' | 'unchanged' | 'conflict';
  metadata: Record<string, unknown> | null;
  reason?: string;
};

export async function push(ctx: Context, argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    'push',
    argv,
    { dir: { type: 'string' }, 'dry-run': { type: 'boolean' }, message: { type: 'string', short: 'm' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
    { maxPositionals: 1000 },
  );
  if (flag(args, 'help')) return (ctx.out(pushHelp), 0);
  const files = await promptFiles(ctx, args.positionals, stringOption(args, 'dir') ?? 'prompts');
  const parsed = await Promise.all(files.map(async (f) => ({ fileName: f, ...parsePromptFile(await readFile(f, 'utf8'), path.relative(ctx.io.cwd, f) || f) })));
  const slugs = new Map<string, string>();
  for (const p of parsed) {
    const other = slugs.get(p.file.slug);
    if (other) throw new CliError(`two files have the slug \`${p.file.slug}\`: ${other} and ${p.fileName}`);
    slugs.set(p.file.slug, p.fileName);
  }

  const api = await ctx.api();
  const force = flag(args, 'force');
  const plans: Plan[] = [];
  for (const p of parsed) plans.push(planFile({ ...p, server: await findPromptBySlug(api, p.file.slug) }, force));

  const conflicts = plans.filter((p) => p.action === 'conflict');
  if (conflicts.length > 0) {
    for (const c of conflicts) ctx.err(`refused ${c.file.slug}: ${c.reason}`);
    throw new CliError(`${conflicts.length} prompt${conflicts.length === 1 ? ' was' : 's were'} changed on the server since the file was pulled; nothing was pushed`, {
      exitCode: 1,
      hint: 'run `promptlab pull` and merge your edits, or push with --force to save over the newer version',
    });
  }

  const dryRun = flag(args, 'dry-run');
  const outcomes: { slug: string; action: string; versionNumber: number | null; metadata: boolean }[] = [];
  for (const plan of plans) {
    const versionNumber = dryRun ? null : await apply(api, plan, { notes: stringOption(args, 'message'), force });
    outcomes.push({ slug: plan.file.slug, action: plan.action, versionNumber, metadata: plan.metadata !== null });
    if (!flag(args, 'json')) ctx.out(describe(plan, versionNumber, dryRun));
  }
  if (flag(args, 'json')) ctx.out(JSON.stringify({ dryRun, outcomes }, null, 2));
  else {
    const changed = outcomes.filter((o) => o.action !== 'unchanged' || o.metadata).length;
    ctx.out(dryRun ? `dry run: ${changed} of ${outcomes.length} would change` : `${changed} of ${outcomes.length} changed`);
  }
  return 0;
}

async function promptFiles(ctx: Context, given: string[], dir: string): Promise<string[]> {
  if (given.length > 0) return given.map((f) => path.resolve(ctx.io.cwd, f));
  const root = path.resolve(ctx.io.cwd, dir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    throw new CliError(`no directory ${dir}`, { hint: 'run `promptlab pull` first, or pass --dir' });
  }
  const files = names.filter((n) => n.endsWith(PROMPT_FILE_SUFFIX)).sort().map((n) => path.join(root, n));
  if (files.length === 0) throw new CliError(`no *${PROMPT_FILE_SUFFIX} files in ${dir}`);
  return files;
}

/** What a push does to one file; exported for the unit tests. */
export function planFile(p: { fileName: string; file: PromptFile; document: Document; server: ServerPrompt | null }, force: boolean): Plan {
  const { file, server } = p;
  if (!server) return { ...p, action: 'create', metadata: null };
  const metadata = metadataChanges(file, server);
  const latest = server.currentVersion;
  if (latest && sameContent(file, latest)) return { ...p, action: 'unchanged', metadata };
  if (latest && !force && (file.version === undefined || file.version < latest.versionNumber)) {
    const from = file.version === undefined ? 'has no `version`' : `is from version ${file.version}`;
    return { ...p, action: 'conflict', metadata, reason: `the server's latest is version ${latest.versionNumber} and ${path.basename(p.fileName)} ${from}` };
  }
  return { ...p, action: 'version', metadata };
}

function metadataChanges(file: PromptFile, server: ServerPrompt): Record<string, unknown> | null {
  const changes: Record<string, unknown> = {};
  if (file.title !== server.title) changes.title = file.title;
  if ((file.description ?? '') !== (server.description ?? '')) changes.description = file.description ?? '';
  if (file.tags && canonical([...file.tags].sort()) !== canonical([...server.tags].sort())) changes.tags = file.tags;
  return Object.keys(changes).length > 0 ? changes : null;
}

async function apply(api: Api, plan: Plan, { notes, force }: { notes?: string; force: boolean }): Promise<number | null> {
  const { file, server } = plan;
  const withNotes = (body: Record<string, unknown>) => (notes ? { ...body, notes } : body);
  let created: ServerPrompt | null = null;
  if (plan.action === 'create') {
    const body = withNotes({ title: file.title, slug: file.slug, ...(file.description ? { description: file.description } : {}), ...(file.tags ? { tags: file.tags } : {}), ...versionBody(file) });
    created = await api.post<ServerPrompt>('/api/v1/prompts', body);
  }
  if (server && plan.metadata) await api.request('PATCH', `/api/v1/prompts/${server.id}`, { body: plan.metadata });
  if (server && plan.action === 'version') {
    const base = force ? {} : server.currentVersion ? { baseVersionNumber: server.currentVersion.versionNumber } : {};
    await api.post(`/api/v1/prompts/${server.id}/versions`, withNotes({ ...versionBody(file), ...base }));
    created = await api.get<ServerPrompt>(`/api/v1/prompts/${server.id}`);
  }
  if (!created?.currentVersion) return null;
  await writeFile(plan.fileName, updateFileAfterPush(plan.document, created.currentVersion));
  return created.currentVersion.versionNumber;
}

function describe(plan: Plan, versionNumber: number | null, dryRun: boolean): string {
  const meta = plan.metadata ? ` (${dryRun ? 'would update' : 'updated'} ${Object.keys(plan.metadata).join(', ')})` : '';
  const slug = plan.file.slug;
  switch (plan.action) {
    case 'create':
      return dryRun ? `would create ${slug}` : `created ${slug} v${versionNumber}`;
    case 'version':
      return dryRun ? `would save a new version of ${slug}${meta}` : `saved ${slug} v${versionNumber}${meta}`;
    default:
      return `unchanged ${slug}${meta}`;
  }
}
