import { open, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { flag, parseCommandArgs, stringOption } from '../args.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import { contentTypeOf, detectImportFormat, IMPORT_FORMATS, type ImportFormat } from '../import-format.js';
import { formatImportReport, type ImportReport } from '../import-report.js';

export const exportHelp = `Usage: promptlab export [--out promptlab-export.json]

Downloads the whole workspace (prompts with every version, labels and deployments; datasets with their items) as one
JSON bundle, the file \`promptlab import\` and the Import dialog read back. Without --out it goes to stdout.`;

export const importHelp = `Usage: promptlab import <file> [--format ${IMPORT_FORMATS.join('|')}] [--dry-run] [--json]

Imports a PromptLab bundle, a promptfoo config, Langfuse prompts (as its API returns them) or OpenAI prompts / Evals
JSONL. The format is guessed from the file when --format is left out. Importing the same file twice creates nothing
the second time. Parts PromptLab cannot represent are listed as skipped, with the reason.

Options:
  --format <name>   ${IMPORT_FORMATS.join(', ')}
  --dry-run         print the report without writing anything
  --json            print the report as JSON
Exit code: 0 imported (skipped parts are listed), 2 the file was refused.`;

export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

export async function exportWorkspace(ctx: Context, argv: string[]): Promise<number> {
  const args = parseCommandArgs('export', argv, { out: { type: 'string', short: 'o' } }, { maxPositionals: 0 });
  if (flag(args, 'help')) return (ctx.out(exportHelp), 0);
  const api = await ctx.api();
  // The bundle is the envelope's data: the file is what `import` and the Import dialog read back.
  const bundle = `${JSON.stringify(await api.get<unknown>('/api/v1/export'), null, 2)}\n`;
  const out = stringOption(args, 'out');
  if (!out) {
    ctx.io.stdout.write(bundle);
    return 0;
  }
  await writeFile(path.resolve(ctx.io.cwd, out), bundle);
  ctx.err(`exported the workspace to ${out} (${Buffer.byteLength(bundle).toLocaleString('en-US')} bytes)`);
  return 0;
}

export async function importFile(ctx: Context, argv: string[]): Promise<number> {
  const args = parseCommandArgs('import', argv, { format: { type: 'string', short: 'f' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
  if (flag(args, 'help')) return (ctx.out(importHelp), 0);
  const file = args.positionals[0];
  if (!file) throw new CliError('import needs a file', { hint: 'promptlab import promptlab-export.json' });
  const text = await readImportFile(path.resolve(ctx.io.cwd, file), file);
  const format = chooseFormat(stringOption(args, 'format'), file, text);
  const api = await ctx.api();
  const { data: report } = await api.request<ImportReport>('POST', '/api/v1/import', {
    query: { format, ...(flag(args, 'dry-run') ? { dryRun: true } : {}) },
    rawBody: { text, contentType: contentTypeOf(file) },
  });
  if (flag(args, 'json')) ctx.out(JSON.stringify(report, null, 2));
  else {
    ctx.out(`${file} (${format})`);
    for (const line of formatImportReport(report)) ctx.out(line);
  }
  return 0;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * The file's size is checked before it is read, and the read itself stops at the cap, so neither a 2 GB file nor a
 * pipe or device (`<(curl …)`, /dev/zero) can fill the memory.
 */
export async function readImportFile(absolute: string, shown: string, maxBytes = MAX_IMPORT_FILE_BYTES): Promise<string> {
  const tooLarge = (size: string) => new CliError(`${shown} is ${size}, larger than the ${megabytes(maxBytes)} limit`);
  let handle: FileHandle;
  try {
    handle = await open(absolute, 'r');
  } catch {
    throw new CliError(`cannot read ${shown}`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new CliError(`${shown} is a directory, not a file`);
    if (info.isFile() && info.size > maxBytes) throw tooLarge(megabytes(info.size));
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 1024 * 1024 })) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) throw tooLarge(`more than ${megabytes(maxBytes)}`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await handle.close();
  }
}

function chooseFormat(given: string | undefined, file: string, text: string): ImportFormat {
  if (given) {
    if (!(IMPORT_FORMATS as readonly string[]).includes(given)) throw new CliError(`--format must be one of ${IMPORT_FORMATS.join(', ')}, not \`${given}\``);
    return given as ImportFormat;
  }
  const detected = detectImportFormat(file, text);
  if (!detected) throw new CliError(`cannot tell what format ${file} is in`, { hint: `pass --format ${IMPORT_FORMATS.join('|')}` });
  return detected;
}
