import 'server-only';
import { ApiError, fieldError, type FieldError } from '@/lib/api/errors';
import { readBodyCapped } from '@/lib/api/read-body';
import { assertSafeParams } from '@/lib/api/safe-text';
import { parseTarget, TARGET_HINT, type ColumnTarget } from './columns';
import { addItems, requireDataset } from './datasets';
import { ACCEPTED_CONTENT_TYPES, formatFromContentType, importRows } from './import-rows';
import { bodyTooLarge } from './read-items-body';
import { MAX_DATASET_BODY_BYTES } from './schemas';
import { toDatasetDetailView } from './views';
import { listDatasetKeys } from '@/db/queries/datasets';

type ImportOptions = { mode: 'append' | 'replace'; overrides: Record<string, ColumnTarget> };

/** `mode=append|replace` and `map.<column>=<target>`; anything else is a 422 naming it. */
export function parseImportQuery(url: string): ImportOptions {
  const params = new URL(url).searchParams;
  assertSafeParams(params);
  // No prototype: `map.__proto__=…` must be an override of that column, not replace the object's prototype.
  const options: ImportOptions = { mode: 'append', overrides: Object.create(null) };
  for (const [key, value] of params) {
    if (key === 'mode') {
      if (value !== 'append' && value !== 'replace') throw fieldError('mode', 'must be append or replace');
      options.mode = value;
    } else if (key.startsWith('map.') && key.length > 4) {
      const target = parseTarget(value);
      if (!target) throw fieldError(key, TARGET_HINT);
      options.overrides[key.slice(4)] = target;
    } else {
      throw fieldError(key, 'is not a known parameter: use mode=append|replace and map.<column>=<target>');
    }
  }
  return options;
}

const MAX_LISTED = 20;

/**
 * POST …/import: the body is the file. Every row is parsed and checked before anything is written, and the items
 * go in with one transaction, so a bad file imports nothing.
 */
export async function importDatasetFile({ workspaceId, datasetId, req }: { workspaceId: string; datasetId: string; req: Request }) {
  await requireDataset({ workspaceId, id: datasetId });
  const options = parseImportQuery(req.url);
  const format = formatFromContentType(req.headers.get('content-type'));
  if (!format) {
    throw new ApiError('INVALID_INPUT', `Send the file with Content-Type ${ACCEPTED_CONTENT_TYPES.join(', ')}`, {
      fields: [{ path: 'Content-Type', message: `must be one of ${ACCEPTED_CONTENT_TYPES.join(', ')}` }],
    });
  }
  const text = await readBodyCapped(req, MAX_DATASET_BODY_BYTES);
  if (text === null) throw bodyTooLarge();
  const result = importRows(text, format, { overrides: options.overrides });
  if (result.errors.length > 0) {
    const fields: FieldError[] = result.errors.slice(0, MAX_LISTED).map(({ path, message }) => ({ path, message }));
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more problem${result.errors.length > 2 ? 's' : ''})` : '';
    throw new ApiError('INVALID_INPUT', `${result.errors[0]!.message}${more}; nothing was imported`, { fields });
  }
  const added = await addItems({ workspaceId, datasetId, items: result.items, replace: options.mode === 'replace', returning: false });
  const variables = await listDatasetKeys({ id: datasetId, workspaceId, of: 'input' });
  return { count: added.count, dataset: toDatasetDetailView(added.dataset, variables.sort()) };
}
