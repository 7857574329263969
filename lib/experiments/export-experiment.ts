import 'server-only';
import Papa from 'papaparse';
import { listExperimentCells, listExperimentItems, listVersionVariableNames, type CellCursor, type CellRow } from '@/db/queries/experiment-reads';
import type { Experiment, ExperimentItem } from '@/db/schema';
import { requireExperiment, summarizeExperiment } from './read-experiment';
import { cellView, experimentDetailView, itemView } from './views';

const PAGE = 1000;
/** Input columns of the CSV at most: the variants' declared variables, in variant order (10 variants × 100 could be 1,000). */
const MAX_EXPORT_INPUT_COLUMNS = 200;

export type ExperimentExport = { body: ReadableStream<Uint8Array>; contentType: string; filename: string };

/**
 * GET /experiments/{id}/export: the whole experiment as one file, read in pages and streamed, so a 50,000-cell
 * experiment never sits in memory as one string. json = { experiment, items, cells }; csv = one row per cell, with
 * an `input.<name>` column for each variable the variants' versions declare (the ones the prompts used; other item
 * keys are in the JSON export), the first MAX_EXPORT_INPUT_COLUMNS of them in variant order.
 */
export async function exportExperiment(args: { id: string; workspaceId: string; format: 'csv' | 'json' }): Promise<ExperimentExport> {
  const row = await requireExperiment(args);
  const filename = `${fileSlug(row.name)}-${row.id.slice(0, 8)}.${args.format}`;
  if (args.format === 'json') {
    const detail = experimentDetailView(row, await summarizeExperiment(row));
    return { body: textStream(jsonChunks(row, detail)), contentType: 'application/json; charset=utf-8', filename };
  }
  const inputs = await inputColumns(row);
  return { body: textStream(csvChunks(row, inputs)), contentType: 'text/csv; charset=utf-8', filename };
}

const fileSlug = (name: string) => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'experiment';

function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    // Pulled: the next page is read only when the client has taken the last one.
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        console.error('[experiments] export failed', error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

async function* itemPages(experimentId: string): AsyncGenerator<ExperimentItem[]> {
  let after: { position: number; itemId: string } | undefined;
  for (;;) {
    const page = await listExperimentItems({ experimentId, after, limit: PAGE });
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    const last = page.at(-1)!;
    after = { position: last.position, itemId: last.itemId };
  }
}

async function* cellPages(row: Experiment): AsyncGenerator<CellRow[]> {
  let after: CellCursor | undefined;
  for (;;) {
    const page = await listExperimentCells({ workspaceId: row.workspaceId, experimentId: row.id, after, limit: PAGE });
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    const last = page.at(-1)!;
    after = { position: last.position, itemId: last.cell.itemId, variant: last.cell.variant, repeat: last.cell.repeat };
  }
}

async function* jsonChunks(row: Experiment, detail: unknown): AsyncGenerator<string> {
  yield `{"experiment":${JSON.stringify(detail)},"items":[`;
  let first = true;
  for await (const page of itemPages(row.id)) {
    yield (first ? '' : ',') + page.map((item) => JSON.stringify(itemView(item))).join(',');
    first = false;
  }
  yield '],"cells":[';
  first = true;
  for await (const page of cellPages(row)) {
    yield (first ? '' : ',') + page.map((cell) => JSON.stringify(cellView(cell))).join(',');
    first = false;
  }
  yield ']}';
}

const withNewline = (text: string) => (text.endsWith('\r\n') ? text : `${text}\r\n`);

/** Text as is; anything else as JSON; numbers stay numbers (so the formula guard leaves them alone). */
const csvValue = (value: unknown): string | number | null =>
  value === null || value === undefined ? null : typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value);

async function inputColumns(row: Experiment): Promise<string[]> {
  const byVersion = await listVersionVariableNames({ workspaceId: row.workspaceId, versionIds: row.config.variants.map((v) => v.versionId) });
  const names = new Set<string>();
  for (const variant of row.config.variants) for (const name of byVersion.get(variant.versionId) ?? []) names.add(name);
  return [...names].slice(0, MAX_EXPORT_INPUT_COLUMNS);
}

/**
 * The items of the cells' pages, read alongside them: both are in (position, itemId) order and every cell has its
 * item, so only one page of items is held at a time.
 */
function itemLookup(experimentId: string) {
  const pages = itemPages(experimentId);
  let page: ExperimentItem[] = [];
  let at = 0;
  const before = (item: ExperimentItem, position: number, itemId: string) =>
    item.position < position || (item.position === position && item.itemId < itemId);
  return {
    async get(position: number, itemId: string): Promise<ExperimentItem | undefined> {
      for (;;) {
        while (at < page.length && before(page[at]!, position, itemId)) at++;
        if (at < page.length) return page[at]!.itemId === itemId ? page[at] : undefined;
        const next = await pages.next();
        if (next.done) return undefined;
        page = next.value;
        at = 0;
      }
    },
    close: () => pages.return(undefined),
  };
}

async function* csvChunks(row: Experiment, inputs: readonly string[]): AsyncGenerator<string> {
  const evaluators = row.config.evaluators.map((spec) => spec.name ?? spec.type);
  const fixed = [
    'position', 'itemId', ...inputs.map((v) => `input.${v}`), 'expected', 'variant', 'label', 'repeat', 'status', 'result', 'score',
    'output', 'latencyMs', 'costUsd',
  ];
  // An evaluator named like a fixed column ("output") gets its own header, so the file reads back by name.
  const fields = [...fixed, ...evaluators.map((name) => (fixed.includes(name) ? `evaluator.${name}` : name))];
  // A spreadsheet would run a cell starting with = + - @ as a formula: model output must not.
  const unparse = (data: unknown[][], header: boolean) => Papa.unparse({ fields, data }, { header, escapeFormulae: true, newline: '\r\n' });
  const items = itemLookup(row.id);
  let header = true;
  try {
    for await (const page of cellPages(row)) {
      const data: unknown[][] = [];
      for (const cellRow of page) {
        const cell = cellView(cellRow);
        const item = await items.get(cellRow.position, cell.itemId);
        const byName = new Map(cell.results.map((r) => [r.evaluator, r.status]));
        data.push([
          cellRow.position, cell.itemId, ...inputs.map((v) => csvValue(item?.input[v])), csvValue(item?.expected), cell.variant,
          row.config.variants[cell.variant]?.label ?? null, cell.repeat, cell.status, cell.result, cell.score, cell.output, cell.latencyMs,
          cell.costUsd, ...evaluators.map((name) => byName.get(name) ?? null),
        ]);
      }
      yield withNewline(unparse(data, header));
      header = false;
    }
    if (header) yield withNewline(unparse([], true));
  } finally {
    await items.close();
  }
}
