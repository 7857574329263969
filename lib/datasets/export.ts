import 'server-only';
import Papa from 'papaparse';
import { listDatasetItems } from '@/db/queries/dataset-items';
import { listDatasetKeys } from '@/db/queries/datasets';
import type { DatasetItem } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { inputColumn } from './columns';
import { expectedToCsv } from './csv-values';
import { requireDataset } from './datasets';
import { MAX_DATASET_COLUMNS, MAX_ITEM_VARIABLES } from './schemas';

const PAGE = 500;

/** A CSV cell: text as it is, other JSON values as JSON, nothing as empty. */
const cell = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** JSONL lines are items as the API takes them: `expected` and `metadata` only when there are some. */
function jsonLine(item: DatasetItem): string {
  const hasMetadata = Object.keys(item.metadata).length > 0;
  return JSON.stringify({ input: item.input, ...(item.expected !== null && { expected: item.expected }), ...(hasMetadata && { metadata: item.metadata }) });
}

/** Why a CSV of this many keys would not import back, or null when it would. */
function csvLimitError(variables: number, metadataKeys: number): ApiError | null {
  const atLeast = (n: number) => (n >= MAX_DATASET_COLUMNS ? `${MAX_DATASET_COLUMNS} or more` : String(n));
  let why: string;
  // Every CSV row carries every variable (an empty cell imports as ""), so each item would get all of them.
  if (variables > MAX_ITEM_VARIABLES) {
    why = `its items use ${atLeast(variables)} input variables, and every row of a CSV file carries all of them, but an item takes at most ${MAX_ITEM_VARIABLES}`;
  } else if (variables + 1 + metadataKeys > MAX_DATASET_COLUMNS) {
    why = `it needs ${variables + 1 + metadataKeys} columns (${variables} input variables, expected and ${atLeast(metadataKeys)} metadata keys), but a CSV file holds at most ${MAX_DATASET_COLUMNS}`;
  } else {
    return null;
  }
  return new ApiError('INVALID_INPUT', `This dataset cannot be exported as CSV: ${why}. Export it as JSONL (format=jsonl)`, {
    fields: [{ path: 'format', message: 'this dataset does not fit in a CSV file: use jsonl' }],
  });
}

function attachmentName(name: string, ext: string) {
  const ascii = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset';
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;
}

/**
 * The dataset as a file, streamed page by page so a large one is never held in memory at once. CSV columns: the
 * input variables, `expected` (written so it reads back as the same value: see expectedToCsv), then
 * `metadata.<key>`, which import reads back the same way. A dataset whose CSV
 * import would refuse (over MAX_DATASET_COLUMNS columns, or over MAX_ITEM_VARIABLES variables, since every row
 * carries them all) is refused here too, not cut: JSONL has no such limit.
 */
export async function exportDataset({ workspaceId, datasetId, format }: { workspaceId: string; datasetId: string; format: 'csv' | 'jsonl' }): Promise<Response> {
  const dataset = await requireDataset({ workspaceId, id: datasetId });
  const [variables, metadataKeys] =
    format === 'csv'
      ? await Promise.all([
        // One past the limit is enough to tell it is exceeded.
        listDatasetKeys({ id: dataset.id, workspaceId, of: 'input', limit: MAX_DATASET_COLUMNS }),
        listDatasetKeys({ id: dataset.id, workspaceId, of: 'metadata', limit: MAX_DATASET_COLUMNS }),
      ])
      : [[], []];
  const refused = csvLimitError(variables.length, metadataKeys.length);
  if (refused) throw refused;
  variables.sort();
  metadataKeys.sort();
  const header = [...variables.map(inputColumn), 'expected', ...metadataKeys.map((k) => `metadata.${k}`)];
  const toCsvRow = (item: DatasetItem) => [...variables.map((v) => cell(item.input[v])), expectedToCsv(item.expected), ...metadataKeys.map((k) => cell(item.metadata[k]))];

  const encoder = new TextEncoder();
  let after: number | undefined;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const page = await listDatasetItems({ workspaceId, datasetId: dataset.id, afterPosition: after, limit: PAGE });
      let text = '';
      if (format === 'csv' && !started) text += `${Papa.unparse([header])}\r\n`;
      started = true;
      if (page.length > 0) text += format === 'csv' ? `${Papa.unparse(page.map(toCsvRow))}\r\n` : `${page.map(jsonLine).join('\n')}\n`;
      if (text) controller.enqueue(encoder.encode(text));
      if (page.length < PAGE) controller.close();
      else after = page.at(-1)!.position;
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': attachmentName(dataset.name, format),
      'cache-control': 'no-store',
    },
  });
}
