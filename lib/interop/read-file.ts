import { parseDocument } from 'yaml';
import { ApiError } from '@/lib/api/errors';
import { findUnsafeValue } from '@/lib/unsafe-text';

/** Largest import file (a 10,000-item dataset with long prompts fits). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** A PromptLab bundle (JSON only, no YAML) may be as large as a dataset body. */
export const MAX_BUNDLE_BYTES = 20 * 1024 * 1024;
export const MAX_YAML_BYTES = 1024 * 1024;
const MAX_DEPTH = 64;
const MAX_KEYS = 500_000;

/** A 422 about the uploaded file as a whole. */
export const invalidFile = (message: string) => new ApiError('INVALID_INPUT', message, { fields: [{ path: 'body', message }] });
const invalid = invalidFile;

/** Every importer walks what this returns: the raw value is checked first, so no walk meets hostile depth. */
function checked<T>(value: T): T {
  assertSafeImport(value);
  return value;
}

/** Refuses NUL bytes, lone surrogates and absurdly deep or wide values before any importer walks them. */
export function assertSafeImport(value: unknown): void {
  const found = findUnsafeValue(value, { maxDepth: MAX_DEPTH, maxKeys: MAX_KEYS, keysLabel: 'the file has' });
  if (found) throw new ApiError('INVALID_INPUT', `\`${found.path || 'body'}\`: ${found.message}`, { fields: [{ path: found.path || 'body', message: found.message }] });
}

/** JSON, or YAML when it is not JSON: plain YAML only (no custom tags), aliases capped against billion-laughs files. */
export function readStructured(text: string, { yaml }: { yaml: boolean }): unknown {
  if (text.includes('\u0000')) throw invalid('the file contains a NUL byte: it is not a text file');
  if (text.trim() === '') throw invalid('the file is empty');
  try {
    return checked(JSON.parse(text));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (!yaml) throw invalid(`the file is not valid JSON: ${(error as Error).message}`);
  }
  // YAML costs far more to parse than JSON (5 MB took seconds and hundreds of MB): larger files come as JSON.
  if (text.length > MAX_YAML_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', `YAML files are read up to ${MAX_YAML_BYTES / (1024 * 1024)} MB: convert it to JSON (up to 5 MB)`);
  let doc;
  try {
    doc = parseDocument(text, { schema: 'core', customTags: [], resolveKnownTags: false, uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    throw invalid(`the file could not be read as YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const [first] = doc.errors;
  if (first) throw invalid(`the file is not valid YAML: ${first.message.split('\n')[0]}`);
  // An unresolved tag (`!!binary`, `!include`) would be read as plain text: refuse it rather than guess.
  const [tag] = doc.warnings;
  if (tag) throw invalid(`the file uses a YAML feature PromptLab does not read: ${tag.message.split('\n')[0]}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw invalid(`the file could not be read as YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return checked(value);
}

/** JSON Lines: one JSON value a line (blank lines ignored); the line number names the bad one. */
export function readJsonLines(text: string): unknown[] {
  if (text.includes('\u0000')) throw invalid('the file contains a NUL byte: it is not a text file');
  const out: unknown[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line));
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw invalid(`line ${index + 1} is not valid JSON: ${(error as Error).message}`);
    }
  });
  if (out.length === 0) throw invalid('the file has no lines of JSON');
  return checked(out);
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
