// Browser-safe and pure: the import dialog previews a file with exactly what the server will import.
import Papa from 'papaparse';
import { expectedFromCsv } from './csv-values';
import { defaultTarget, inputColumn, mapColumns, type ColumnMapping, type ColumnTarget, type MappingError } from './columns';
import { itemProblem, unsafeValueProblem } from './item-checks';
import { isReservedName, MAX_DATASET_ITEMS, reservedNameMessage, type DatasetItemInput } from './schemas';

export type ImportFormat = 'csv' | 'jsonl' | 'json';

/** One bad row: `row` is 1-based over data rows (CSV: the header is row 0; JSONL: the line number). */
export type ImportError = { row: number; column: string | null; path: string; message: string };

/** A data row as columns (CSV cells are text; JSON values stay what they are). */
export type SourceRow = { row: number; cells: Record<string, unknown>; text: boolean };

export type ImportResult = {
  format: ImportFormat;
  headers: string[];
  mapping: ColumnMapping[];
  rows: number;
  items: DatasetItemInput[];
  /** Empty when the file imports; the first MAX_REPORTED_ERRORS otherwise. */
  errors: ImportError[];
};

export const MAX_REPORTED_ERRORS = 50;

const CONTENT_TYPES: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonl': 'jsonl',
  'application/json': 'json',
};
export const ACCEPTED_CONTENT_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl', 'application/json'];

/** The format a Content-Type names (parameters such as charset ignored), or null. */
export function formatFromContentType(contentType: string | null): ImportFormat | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return CONTENT_TYPES[type] ?? null;
}

/** The format a file name suggests, for the browser's file picker. */
export function formatFromFileName(name: string): ImportFormat | null {
  const ext = name.toLowerCase().split('.').pop();
  return ext === 'csv' ? 'csv' : ext === 'jsonl' || ext === 'ndjson' ? 'jsonl' : ext === 'json' ? 'json' : null;
}

const rowError = (row: number, column: string | null, message: string): ImportError => ({
  row,
  column,
  path: column === null ? `rows.${row}` : `rows.${row}.${column}`,
  message: column === null ? `row ${row}: ${message}` : `row ${row}, column \`${column}\`: ${message}`,
});

const tooMany = (row: number, maxRows: number) => rowError(row, null, `the file has more than ${maxRows.toLocaleString('en-US')} rows; a dataset holds at most ${maxRows.toLocaleString('en-US')}`);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads CSV: the first row is the header; quoted fields, CRLF and a BOM are fine. Stops after maxRows + 1 rows. */
export function readCsv(text: string, maxRows: number): { headers: string[]; rows: SourceRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  // The header, maxRows data rows and one more to tell that the file is too long.
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: true, preview: maxRows + 2 });
  for (const error of parsed.errors) {
    if (errors.length >= MAX_REPORTED_ERRORS) break;
    const row = error.row ?? 0;
    errors.push(rowError(row, null, `${error.message.replace(/\.$/, '')}; quote a field holding commas, quotes or line breaks, and double its quotes`));
  }
  const [headers = [], ...data] = parsed.data;
  if (data.length > maxRows) errors.push(tooMany(maxRows + 1, maxRows));
  const rows: SourceRow[] = [];
  data.slice(0, maxRows).forEach((values, index) => {
    const row = index + 1;
    // Trailing empty fields are harmless (some spreadsheets pad rows); a missing one is a broken row.
    if (values.length < headers.length || values.slice(headers.length).some((v) => v !== '')) {
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(rowError(row, null, `has ${values.length} fields but the header has ${headers.length}: a missing comma, or a field with a comma or line break that is not quoted?`));
      return;
    }
    // No prototype: a `__proto__` column must stay a column (and be refused by name), not vanish.
    const cells: Record<string, unknown> = Object.create(null);
    headers.forEach((column, i) => (cells[column] = values[i] ?? ''));
    rows.push({ row, cells, text: true });
  });
  return { headers, rows, errors };
}

/** An item row ({ input, expected?, metadata? }) as the columns a flat row with the same content would have. */
function flattenItem(value: Record<string, unknown>): Record<string, unknown> | null {
  const keys = Object.keys(value);
  if (!isRecord(value.input) || !keys.every((k) => k === 'input' || k === 'expected' || k === 'metadata')) return null;
  if (value.metadata !== undefined && !isRecord(value.metadata)) return null;
  const cells: Record<string, unknown> = Object.create(null);
  for (const [name, v] of Object.entries(value.input)) cells[inputColumn(name)] = v;
  if (value.expected !== undefined) cells.expected = value.expected;
  for (const [key, v] of Object.entries(value.metadata ?? {})) cells[`metadata.${key}`] = v;
  return cells;
}

function jsonRow(row: number, value: unknown, rows: SourceRow[], errors: ImportError[]) {
  if (!isRecord(value)) return errors.push(rowError(row, null, 'must be a JSON object: an item { "input": {…} } or a flat object of columns'));
  // Depth and text are checked before anything walks the value.
  const problem = unsafeValueProblem(value);
  if (problem) return errors.push(rowError(row, problem.path || null, problem.message));
  const cells = flattenItem(value) ?? value;
  // Named here, on its row: in JSON there is no header row to blame.
  for (const column of Object.keys(cells)) {
    const target = defaultTarget(column);
    const name = target.kind === 'input' ? target.name : target.kind === 'metadata' ? target.key : '';
    if (isReservedName(name)) return errors.push(rowError(row, column, reservedNameMessage(name, target.kind === 'input' ? 'variable' : 'metadata key')));
  }
  rows.push({ row, cells, text: false });
}

/** Reads JSON Lines: one object a line, blank lines skipped; rows are numbered by line. */
export function readJsonl(text: string, maxRows: number): { rows: SourceRow[]; errors: ImportError[] } {
  const rows: SourceRow[] = [];
  const errors: ImportError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length && errors.length < MAX_REPORTED_ERRORS; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (++seen > maxRows) {
      errors.push(tooMany(i + 1, maxRows));
      break;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      errors.push(rowError(i + 1, null, `is not valid JSON (${(error as Error).message})`));
      continue;
    }
    jsonRow(i + 1, value, rows, errors);
  }
  return { rows, errors };
}

/** Reads a JSON array of items or flat objects; rows are numbered from 1 in array order. */
export function readJsonArray(text: string, maxRows: number): { rows: SourceRow[]; errors: ImportError[] } {
  const rows: SourceRow[] = [];
  const errors: ImportError[] = [];
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { rows, errors: [rowError(0, null, `the file is not valid JSON (${(error as Error).message})`)] };
  }
  if (!Array.isArray(value)) return { rows, errors: [rowError(0, null, 'a JSON file must be an array of items or of flat objects')] };
  if (value.length > maxRows) return { rows, errors: [tooMany(maxRows + 1, maxRows)] };
  for (let i = 0; i < value.length && errors.length < MAX_REPORTED_ERRORS; i++) jsonRow(i + 1, value[i], rows, errors);
  return { rows, errors };
}

/** Columns of JSON rows: every key, in the order first seen. */
function headersOf(rows: SourceRow[]): string[] {
  const seen = new Set<string>();
  for (const { cells } of rows) for (const key of Object.keys(cells)) seen.add(key);
  return [...seen];
}

function place(item: DatasetItemInput, target: ColumnTarget, value: unknown, text: boolean) {
  switch (target.kind) {
    case 'input':
      item.input[target.name] = value;
      return;
    case 'expected':
      // An empty CSV cell is no expected value; JSON says so with null or by leaving the key out.
      if (text && value === '') return;
      item.expected = text ? expectedFromCsv(value as string) : value;
      return;
    case 'metadata':
      if (text && value === '') return;
      (item.metadata ??= {})[target.key] = value;
      return;
    case 'ignore':
      return;
  }
}

/** Rows → items through the mapping; each row's problems name its row and the column they came from. */
export function rowsToItems(rows: readonly SourceRow[], mapping: readonly ColumnMapping[]): { items: DatasetItemInput[]; errors: ImportError[] } {
  const items: DatasetItemInput[] = [];
  const errors: ImportError[] = [];
  const targets = new Map(mapping.map((m) => [m.column, m.target]));
  for (const { row, cells, text } of rows) {
    if (errors.length >= MAX_REPORTED_ERRORS) break;
    const item: DatasetItemInput = { input: {} };
    let bad = false;
    for (const [column, value] of Object.entries(cells)) {
      const problem = text ? unsafeValueProblem(value) : null;
      if (problem) {
        errors.push(rowError(row, column, problem.message));
        bad = true;
        break;
      }
      place(item, targets.get(column) ?? { kind: 'ignore' }, value, text);
    }
    if (bad) continue;
    const problem = itemProblem(item);
    if (problem) {
      errors.push(rowError(row, columnOf(problem.path, mapping), problem.message));
      continue;
    }
    items.push(item);
  }
  return { items, errors };
}

/** The source column behind an item path (`input.topic` → the column mapped to input `topic`). */
function columnOf(path: string, mapping: readonly ColumnMapping[]): string | null {
  const [head, name] = path.split('.');
  const found = mapping.find(({ target }) =>
    (head === 'input' && target.kind === 'input' && target.name === name) ||
    (head === 'expected' && target.kind === 'expected') ||
    (head === 'metadata' && target.kind === 'metadata' && target.key === name),
  );
  return found?.column ?? null;
}

/**
 * Parses a file and maps its columns into dataset items. `errors` empty means every row is good; otherwise the
 * caller imports nothing. Bounded: at most `maxRows` rows (one more is read to tell the file is too long) and
 * MAX_IMPORT_COLUMNS columns.
 */
export function importRows(text: string, format: ImportFormat, options: { overrides?: Record<string, ColumnTarget>; maxRows?: number } = {}): ImportResult {
  const maxRows = options.maxRows ?? MAX_DATASET_ITEMS;
  const read = format === 'csv' ? readCsv(text, maxRows) : format === 'jsonl' ? readJsonl(text, maxRows) : readJsonArray(text, maxRows);
  const headers = format === 'csv' ? (read as ReturnType<typeof readCsv>).headers : headersOf(read.rows);
  const { mapping, errors: mappingErrors } = mapColumns(headers, options.overrides);
  const errors: ImportError[] = [...mappingErrors.map(fromMappingError), ...read.errors];
  if (errors.length > 0) return { format, headers, mapping, rows: read.rows.length, items: [], errors: errors.slice(0, MAX_REPORTED_ERRORS) };
  const { items, errors: rowErrors } = rowsToItems(read.rows, mapping);
  if (items.length === 0 && rowErrors.length === 0) rowErrors.push(rowError(format === 'csv' ? 1 : 0, null, 'the file has no rows to import'));
  return { format, headers, mapping, rows: read.rows.length, items: rowErrors.length ? [] : items, errors: rowErrors };
}

const fromMappingError = (e: MappingError): ImportError => ({ row: 0, column: e.column, path: e.path, message: e.message });
