// Reads a picked file in the browser for the import dialog, with the same module the server imports with
// (lib/datasets/import-rows), so the preview's errors are the server's.
import { mapColumns, type ColumnTarget } from '@/lib/datasets/columns';
import { formatFromFileName, MAX_REPORTED_ERRORS, readCsv, readJsonArray, readJsonl, rowsToItems, type ImportError, type ImportFormat, type SourceRow } from '@/lib/datasets/import-rows';
import { MAX_DATASET_ITEMS } from '@/lib/datasets/schemas';

export const PREVIEW_ROWS = 20;

export type ParsedFile = {
  format: ImportFormat;
  contentType: string;
  /** Columns in file order (CSV headers; JSON keys, item rows flattened to `name`, `expected`, `metadata.<key>`). */
  headers: string[];
  rows: SourceRow[];
  /** Rows that could not be read at all (broken CSV rows, bad JSON lines). */
  readErrors: ImportError[];
  /** The first PREVIEW_ROWS rows as column → cell text. */
  preview: Record<string, string>[];
};

const CONTENT_TYPES: Record<ImportFormat, string> = { csv: 'text/csv', jsonl: 'application/x-ndjson', json: 'application/json' };

/** The format from the file name, else from the first character of its text. */
export function detectFormat(name: string, text: string): ImportFormat {
  const byName = formatFromFileName(name);
  if (byName) return byName;
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' ? 'json' : first === '{' ? 'jsonl' : 'csv';
}

/** A cell as text for the preview: strings as they are, other JSON values as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function readImportFile(name: string, text: string): ParsedFile {
  const format = detectFormat(name, text);
  let headers: string[];
  let read: { rows: SourceRow[]; errors: ImportError[] };
  if (format === 'csv') {
    const csv = readCsv(text, MAX_DATASET_ITEMS);
    headers = csv.headers;
    read = csv;
  } else {
    read = format === 'jsonl' ? readJsonl(text, MAX_DATASET_ITEMS) : readJsonArray(text, MAX_DATASET_ITEMS);
    const seen = new Set<string>();
    for (const { cells } of read.rows) for (const key of Object.keys(cells)) seen.add(key);
    headers = [...seen];
  }
  const preview = read.rows.slice(0, PREVIEW_ROWS).map(({ cells }) => Object.fromEntries(headers.map((h) => [h, cellText(cells[h])])));
  return { format, contentType: CONTENT_TYPES[format], headers, rows: read.rows, readErrors: read.errors, preview };
}

export type MappingCheck = {
  /** Header and mapping problems by column (shown beside the column). */
  columnErrors: Record<string, string>;
  /** Every other problem, naming its row and column. */
  rowErrors: ImportError[];
  /** Items the file makes with this mapping when it has no problems. */
  itemCount: number;
};

/** What the server would say of this file with these column targets: the same checks, run here. */
export function checkMapping(file: ParsedFile, targets: Record<string, ColumnTarget>): MappingCheck {
  const { mapping, errors } = mapColumns(file.headers, targets);
  const columnErrors: Record<string, string> = {};
  const rowErrors: ImportError[] = [...file.readErrors];
  for (const e of errors) {
    if (e.path.startsWith('rows.0.') && !(e.column in columnErrors)) columnErrors[e.column] = e.message;
    else if (!e.path.startsWith('rows.0.')) rowErrors.push({ row: 0, column: e.column, path: e.path, message: e.message });
  }
  if (rowErrors.length > 0 || Object.keys(columnErrors).length > 0) return { columnErrors, rowErrors: rowErrors.slice(0, MAX_REPORTED_ERRORS), itemCount: 0 };
  const { items, errors: itemErrors } = rowsToItems(file.rows, mapping);
  return { columnErrors, rowErrors: itemErrors, itemCount: itemErrors.length ? 0 : items.length };
}
