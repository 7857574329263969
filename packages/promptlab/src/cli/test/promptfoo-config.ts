import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { CliError } from '../errors.js';
import { parseCsv } from './csv.js';

/*
 * A promptfoo config with its `file://` references read in, relative to the config's folder, as promptfoo does:
 * prompts from text/JSON files, tests from CSV/YAML/JSON/JSONL files, var values and assertion values from files.
 * The server maps the result (POST /api/v1/import?format=promptfoo); this side only inlines files.
 */
export type PromptfooConfig = Record<string, unknown>;

const MAX_FILES = 500;
// The import endpoint takes up to 5 MB; the inlined config must fit.
const MAX_TOTAL_BYTES = 5 * 1024 * 1024;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fileRef = (v: unknown): string | null => (typeof v === 'string' && v.startsWith('file://') ? v.slice('file://'.length) : null);

export type LoadOptions = { allowOutsideFiles?: boolean };

const isInside = (dir: string, file: string): boolean => {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
};

class Reader {
  private files = 0;
  private bytes = 0;
  constructor(
    readonly baseDir: string,
    private readonly allowOutside = false,
  ) {}

  /*
   * Referenced files are uploaded with the config: a shared config must not be able to pull in ~/.ssh/id_rsa or
   * ../../secrets.env. Checked on the real paths, so a symlink inside the folder cannot point out of it either.
   */
  private async checkInside(file: string, ref: string, field: string): Promise<void> {
    if (this.allowOutside) return;
    const [dir, real] = await Promise.all([realpath(this.baseDir).catch(() => path.resolve(this.baseDir)), realpath(file).catch(() => file)]);
    if (!isInside(dir, real)) {
      throw new CliError(`\`${field}\`: file://${ref} is outside the config's folder (${this.baseDir}), and referenced files are uploaded`, {
        fields: [{ path: field, message: `file://${ref} is outside the config's folder` }],
        hint: 'move the file next to the config, or pass --allow-outside-files if uploading it is intended',
      });
    }
  }

  async text(ref: string, field: string): Promise<string> {
    if (++this.files > MAX_FILES) throw new CliError(`the config references more than ${MAX_FILES} files`);
    const file = path.resolve(this.baseDir, ref);
    await this.checkInside(file, ref, field);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new CliError(`\`${field}\`: cannot read file://${ref} (looked for ${file})`, { fields: [{ path: field, message: `file://${ref} not found` }] });
    }
    this.bytes += text.length;
    if (this.bytes > MAX_TOTAL_BYTES) throw new CliError('the config and its files are larger than 5 MB (the import limit)');
    return text;
  }

  /** `file://dir/*.txt`: one `*` in the file name part, as prompt lists use it. */
  async glob(ref: string): Promise<string[]> {
    const dir = path.dirname(ref);
    const pattern = new RegExp(`^${path.basename(ref).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const names = await readdir(path.resolve(this.baseDir, dir)).catch(() => [] as string[]);
    return names.filter((n) => pattern.test(n)).sort().map((n) => path.join(dir, n));
  }
}

/** Structured data from a referenced file, by its extension. */
async function structured(reader: Reader, ref: string, field: string): Promise<unknown> {
  const text = await reader.text(ref, field);
  const ext = path.extname(ref).toLowerCase();
  try {
    if (ext === '.jsonl') return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
    if (ext === '.json') return JSON.parse(text) as unknown;
    return parse(text, { maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw new CliError(`\`${field}\`: file://${ref} is not valid ${ext === '.json' || ext === '.jsonl' ? 'JSON' : 'YAML'} (${error instanceof Error ? error.message.split('\n')[0] : ''})`);
  }
}

export async function loadPromptfooConfig(text: string, configFile: string, options: LoadOptions = {}): Promise<PromptfooConfig> {
  const reader = new Reader(path.dirname(configFile), options.allowOutsideFiles);
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new CliError(`${path.basename(configFile)} is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : ''}`);
  }
  if (!isObject(value)) throw new CliError(`${path.basename(configFile)} must be a mapping with \`prompts\`, \`providers\` and \`tests\``);
  return resolvePromptfooConfig(value, reader);
}

async function resolvePromptfooConfig(config: Record<string, unknown>, reader: Reader): Promise<PromptfooConfig> {
  const out: PromptfooConfig = { ...config };
  if (config.prompts !== undefined) out.prompts = await resolvePrompts(config.prompts, reader);
  if (config.defaultTest !== undefined) {
    const ref = fileRef(config.defaultTest);
    const test = ref ? await structured(reader, ref, 'defaultTest') : config.defaultTest;
    out.defaultTest = isObject(test) ? await resolveTest(test, reader, 'defaultTest') : test;
  }
  if (config.tests !== undefined) out.tests = await resolveTests(config.tests, reader);
  return out;
}

async function resolvePrompts(prompts: unknown, reader: Reader): Promise<unknown> {
  const list = Array.isArray(prompts) ? prompts : [prompts];
  const resolved: unknown[] = [];
  for (const [index, entry] of list.entries()) {
    const field = `prompts.${index}`;
    const ref = fileRef(entry) ?? (isObject(entry) ? fileRef(entry.id) ?? fileRef(entry.raw) : null);
    if (!ref) {
      resolved.push(entry);
      continue;
    }
    const refs = ref.includes('*') ? await reader.glob(ref) : [ref];
    if (refs.length === 0) throw new CliError(`\`${field}\`: file://${ref} matches no file`);
    for (const one of refs) {
      const [file] = one.split(':'); // `file://prompts.js:fn` names a function: kept for the server to report
      const raw = await reader.text(file ?? one, field);
      const { id: _id, ...rest } = isObject(entry) ? entry : {};
      const label = typeof rest.label === 'string' ? rest.label : path.basename(one);
      resolved.push({ ...rest, raw, label });
    }
  }
  return resolved;
}

async function resolveTests(tests: unknown, reader: Reader): Promise<unknown[]> {
  const list = Array.isArray(tests) ? tests : [tests];
  const resolved: unknown[] = [];
  for (const [index, entry] of list.entries()) {
    const field = `tests.${index}`;
    const ref = fileRef(entry);
    if (!ref) {
      resolved.push(isObject(entry) ? await resolveTest(entry, reader, field) : entry);
      continue;
    }
    const loaded = ref.toLowerCase().endsWith('.csv') ? csvTests(await reader.text(ref, field), ref) : await structured(reader, ref, field);
    for (const test of Array.isArray(loaded) ? loaded : [loaded]) resolved.push(isObject(test) ? await resolveTest(test, reader, field) : test);
  }
  return resolved;
}

async function resolveTest(test: Record<string, unknown>, reader: Reader, field: string): Promise<Record<string, unknown>> {
  const out = { ...test };
  const varsRef = fileRef(test.vars);
  const vars = varsRef ? await structured(reader, varsRef, `${field}.vars`) : test.vars;
  if (isObject(vars)) {
    const resolvedVars: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(vars)) {
      const ref = fileRef(value);
      // promptfoo reads a var's file as text, except structured files it parses.
      resolvedVars[name] = ref ? (/\.(json|ya?ml)$/i.test(ref) ? await structured(reader, ref, `${field}.vars.${name}`) : await reader.text(ref, `${field}.vars.${name}`)) : value;
    }
    out.vars = resolvedVars;
  } else if (vars !== undefined) out.vars = vars;
  if (Array.isArray(test.assert)) {
    out.assert = await Promise.all(
      test.assert.map(async (a: unknown, i) => {
        const ref = isObject(a) ? fileRef(a.value) : null;
        // A JavaScript file's code goes inline; other files (python) stay references for the server to report.
        return ref && isObject(a) && /\.(js|cjs|mjs|txt|json|ya?ml)$/i.test(ref.split(':')[0] ?? '')
          ? { ...a, value: await reader.text(ref.split(':')[0] ?? ref, `${field}.assert.${i}.value`) }
          : a;
      }),
    );
  }
  return out;
}

const ASSERT_PREFIX = /^(not-)?([a-z][a-z0-9-]*)(?:\((\d*\.?\d+)\))?:\s?([\s\S]*)$/;

/**
 * A promptfoo CSV: columns are vars, except `__expected` (and `__expected1…`: an assertion such as `contains: x`, or a
 * plain value meaning `equals`), `__description`, `__metadata:<key>` and `__prefix`/`__suffix`, as promptfoo reads them.
 */
export function csvTests(text: string, name: string): Record<string, unknown>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new CliError(`file://${name} is empty: it needs a header row of variable names`);
  return rows.map((row) => {
    const vars: Record<string, string> = {};
    const assert: Record<string, unknown>[] = [];
    const metadata: Record<string, string> = {};
    const test: Record<string, unknown> = {};
    header.forEach((column, i) => {
      const cell = row[i] ?? '';
      if (/^__expected\d*$/.test(column)) {
        if (cell.trim()) assert.push(expectedAssertion(cell));
      } else if (column === '__description') test.description = cell;
      else if (column.startsWith('__metadata:')) metadata[column.slice('__metadata:'.length)] = cell;
      else if (column === '__prefix' || column === '__suffix') test.options = { ...(test.options as object), [column.slice(2)]: cell };
      else vars[column] = cell;
    });
    return { ...test, vars, ...(assert.length ? { assert } : {}), ...(Object.keys(metadata).length ? { metadata } : {}) };
  });
}

function expectedAssertion(cell: string): Record<string, unknown> {
  const match = ASSERT_PREFIX.exec(cell);
  if (match && match[2] !== 'http' && match[2] !== 'https') {
    const [, not, type, threshold, value] = match;
    const mapped = type === 'grader' || type === 'fn' || type === 'eval' ? (type === 'grader' ? 'llm-rubric' : 'javascript') : type;
    return { type: `${not ?? ''}${mapped}`, value, ...(threshold ? { threshold: Number(threshold) } : {}) };
  }
  return { type: 'equals', value: cell };
}
