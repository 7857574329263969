import 'server-only';
import { z } from 'zod';
import { ApiError, fieldError } from '@/lib/api/errors';
import { readJsonObject } from '@/lib/api/read-json';
import { itemProblem, unsafeValueProblem } from './item-checks';
import { addItemsBodySchema, addRunItemSchema, datasetItemSchema, MAX_DATASET_BODY_BYTES, MAX_ITEMS_PER_REQUEST, newDatasetSchema, type DatasetItemInput } from './schemas';

const MB = MAX_DATASET_BODY_BYTES / (1024 * 1024);
export const bodyTooLarge = () => new ApiError('PAYLOAD_TOO_LARGE', `Request body is larger than ${MB} MB: split the items over several requests`);

/** Reads up to MAX_DATASET_BODY_BYTES of JSON (readJson's 1 MB does not fit 10,000 items); a JSON object or a 4xx. */
export const readLargeJsonObject = (req: Request) => readJsonObject(req, { maxBytes: MAX_DATASET_BODY_BYTES, tooLarge: bodyTooLarge });

/** Each item is checked on its own (text, depth, size) before the schema walks it; the path names the item. */
function assertItemsSafe(items: unknown, prefix: string): void {
  if (!Array.isArray(items)) return;
  if (items.length > MAX_ITEMS_PER_REQUEST) throw fieldError(prefix, `can have at most ${MAX_ITEMS_PER_REQUEST} items`);
  items.forEach((item, i) => {
    const problem = itemProblem(item);
    if (problem) throw fieldError(problem.path ? `${prefix}.${i}.${problem.path}` : `${prefix}.${i}`, problem.message);
  });
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw result.error;
  return result.data;
}

export type AddItemsBody = { kind: 'items'; items: DatasetItemInput[] } | { kind: 'run'; runId: string };

/** POST …/items: one item, `{ items: [...] }`, or `{ runId }`. */
export async function readAddItemsBody(req: Request): Promise<AddItemsBody> {
  const body = await readLargeJsonObject(req);
  if ('runId' in body) return { kind: 'run', runId: parsed(addRunItemSchema, body).runId };
  if ('items' in body) {
    assertItemsSafe(body.items, 'items');
    return { kind: 'items', items: parsed(addItemsBodySchema, body).items };
  }
  const problem = itemProblem(body);
  if (problem) throw fieldError(problem.path, problem.message);
  return { kind: 'items', items: [parsed(datasetItemSchema, body)] };
}

/** POST /datasets: name, description and optional first items. */
export async function readNewDatasetBody(req: Request) {
  const body = await readLargeJsonObject(req);
  assertItemsSafe(body.items, 'items');
  const { name, description } = body;
  const problem = unsafeValueProblem({ name, description });
  if (problem) throw fieldError(problem.path, problem.message);
  return parsed(newDatasetSchema, body);
}
