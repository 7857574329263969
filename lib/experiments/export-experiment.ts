import 'server-only';
import Papa from 'papaparse';
import { listExperimentCells, listExperimentItems, type CellCursor, type CellRow } from '@/db/queries/experiment-reads';
import type { Experiment, ExperimentItem } from '@/db/schema';
import { requireExperiment, summarizeExperiment } from './read-experiment';
import { cellView, experimentDetailView, itemView } from './views';

const PAGE = 1000;

export type ExperimentExport = { body: ReadableStream<Uint8Array>; contentType: string; filename: string };

/**
 * GET /experiments/{id}/export: the whole experiment as one file, read in pages and streamed, so a 50,000-cell
 * experiment never sits in memory as one string. json = { experiment, items, cells }; csv = one row per cell.
 */
export async function exportExperiment(args: { id: string; workspaceId: string; format: 'csv' | 'json' }): Promise<ExperimentExport> {
  const row = await requireExperiment(args);
  const filename = `${fileSlug(row.name)}-${row.id.slice(0, 8)}.${args.format}`;
  if (args.format === 'json') {
    const detail = experimentDetailView(row, await summarizeExperiment(row));
    return { body: textStream(jsonChunks(row, detail)), contentType: 'application/json; charset=utf-8', filename };
  }
  return { body: textStream(csvChunks(row)), contentType: 'text/csv; charset=utf-8', filename };
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

async function* csvChunks(row: Experiment): AsyncGenerator<string> {
  // Every item's input is needed for its cells' rows; the snapshot is bounded by MAX_CELLS.
  const items = new Map<string, ExperimentItem>();
  const variables = new Set<string>();
  for await (const page of itemPages(row.id)) {
    for (const item of page) {
      items.set(item.itemId, item);
      for (const key of Object.keys(item.input)) variables.add(key);
    }
  }
  const inputs = [...variables].sort();
  const evaluators = row.config.evaluators.map((spec) => spec.name ?? spec.type);
  const fixed = [
    'position', 'itemId', ...inputs.map((v) => `input.${v}`), 'expected', 'variant', 'label', 'repeat', 'status', 'result', 'score',
    'output', 'latencyMs', 'costUsd',
  ];
  // An evaluator named like a fixed column ("output") gets its own header, so the file reads back by name.
  const fields = [...fixed, ...evaluators.map((name) => (fixed.includes(name) ? `evaluator.${name}` : name))];
  // A spreadsheet would run a cell starting with = + - @ as a formula: model output must not.
  const unparse = (data: unknown[][], header: boolean) => Papa.unparse({ fields, data }, { header, escapeFormulae: true, newline: '\r\n' });
  let header = true;
  for await (const page of cellPages(row)) {
    const data = page.map((cellRow) => {
      const cell = cellView(cellRow);
      const item = items.get(cell.itemId);
      const byName = new Map(cell.results.map((r) => [r.evaluator, r.status]));
      return [
        cellRow.position, cell.itemId, ...inputs.map((v) => csvValue(item?.input[v])), csvValue(item?.expected), cell.variant,
        row.config.variants[cell.variant]?.label ?? null, cell.repeat, cell.status, cell.result, cell.score, cell.output, cell.latencyMs,
        cell.costUsd, ...evaluators.map((name) => byName.get(name) ?? null),
      ];
    });
    yield withNewline(unparse(data, header));
    header = false;
  }
  if (header) yield withNewline(unparse([], true));
}
