// Reads a picked file in the browser for the import dialog's preview: its format, columns and first rows.
// The server parses the file again on import and is the judge of its rows; this only shows what will happen.
import Papa from 'papaparse';
import type { ImportFormat } from '@/lib/client/dataset-types';

export const PREVIEW_ROWS = 20;

export type RowProblem = { row: number; column: string | null; message: string };

export type ParsedFile = {
  format: ImportFormat;
  contentType: string;
  /** Flat columns (CSV headers, or the keys of flat JSON objects), in file order. */
  columns: string[];
  /** The first PREVIEW_ROWS rows as column → cell text. */
  preview: Record<string, string>[];
  rowCount: number;
  /** JSON/JSONL rows already shaped as items ({ input, expected?, metadata? }): imported as they are, no mapping. */
  itemShaped: boolean;
  problems: RowProblem[];
};

const CONTENT_TYPES: Record<ImportFormat, string> = { csv: 'text/csv', jsonl: 'application/x-ndjson', json: 'application/json' };
const MAX_PROBLEMS = 50;

/** The format from the file name, else from the first character of its text. */
export function detectFormat(name: string, text: string): ImportFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  const first = text.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'csv';
}

/** A cell as text for the preview: strings as they are, other JSON values as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isItem = (v: Record<string, unknown>) => isObject(v.input) && Object.keys(v).every((k) => k === 'input' || k === 'expected' || k === 'metadata');

function fromObjects(format: ImportFormat, rows: unknown[], problems: RowProblem[]): ParsedFile {
  const columns: string[] = [];
  const known = new Set<string>();
  let items = 0;
  rows.forEach((row, i) => {
    if (!isObject(row)) {
      if (problems.length < MAX_PROBLEMS) problems.push({ row: i + 1, column: null, message: `row ${i + 1}: must be a JSON object` });
      return;
    }
    if (isItem(row)) items++;
    // Items show their input variables, expected and metadata.<key> as columns, like their CSV export.
    const flat = isItem(row) ? flattenItem(row) : row;
    for (const key of Object.keys(flat)) if (!known.has(key)) { known.add(key); columns.push(key); }
  });
  const objects = rows.filter(isObject);
  const itemShaped = objects.length > 0 && items === objects.length;
  if (items > 0 && !itemShaped && problems.length < MAX_PROBLEMS) {
    problems.push({ row: 0, column: null, message: 'Some rows are items ({ input, … }) and some are flat objects: use one shape for the whole file' });
  }
  const preview = objects.slice(0, PREVIEW_ROWS).map((row) => {
    const flat = isItem(row) ? flattenItem(row) : row;
    return Object.fromEntries(columns.map((c) => [c, cellText(flat[c])]));
  });
  return { format, contentType: CONTENT_TYPES[format], columns, preview, rowCount: rows.length, itemShaped, problems };
}

function flattenItem(row: Record<string, unknown>): Record<string, unknown> {
  const flat: Record<string, unknown> = { ...(row.input as Record<string, unknown>) };
  if (row.expected !== undefined) flat.expected = row.expected;
  if (isObject(row.metadata)) for (const [k, v] of Object.entries(row.metadata)) flat[`metadata.${k}`] = v;
  return flat;
}

/** Parses a file's text for the preview; never throws (problems are listed instead). */
export function parseImportText(name: string, text: string): ParsedFile {
  const format = detectFormat(name, text);
  const problems: RowProblem[] = [];
  const body = text.replace(/^\uFEFF/, '');
  if (format === 'csv') {
    const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: 'greedy' });
    for (const error of parsed.errors.slice(0, MAX_PROBLEMS)) {
      // Papa counts data rows from 0; the contract counts them from 1 (the header is row 0).
      const row = (error.row ?? -1) + 1;
      problems.push({ row, column: null, message: `row ${row}: ${error.message}` });
    }
    const columns = (parsed.meta.fields ?? []).filter((c) => c !== '');
    if (columns.length === 0) problems.push({ row: 0, column: null, message: 'The first row must name the columns' });
    const preview = parsed.data.slice(0, PREVIEW_ROWS).map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? ''])));
    return { format, contentType: CONTENT_TYPES.csv, columns, preview, rowCount: parsed.data.length, itemShaped: false, problems };
  }
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      problems.push({ row: 0, column: null, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
      return { format, contentType: CONTENT_TYPES.json, columns: [], preview: [], rowCount: 0, itemShaped: false, problems };
    }
    if (!Array.isArray(value)) {
      problems.push({ row: 0, column: null, message: 'A JSON file must hold an array of rows' });
      return { format, contentType: CONTENT_TYPES.json, columns: [], preview: [], rowCount: 0, itemShaped: false, problems };
    }
    return fromObjects(format, value, problems);
  }
  const rows: unknown[] = [];
  body.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      rows.push(JSON.parse(line));
    } catch {
      if (problems.length < MAX_PROBLEMS) problems.push({ row: i + 1, column: null, message: `line ${i + 1}: not valid JSON` });
    }
  });
  return fromObjects(format, rows, problems);
}
