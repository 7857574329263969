import 'server-only';
import { getDatasetByName } from '@/db/queries/datasets';
import { ApiError } from '@/lib/api/errors';
import { createDataset } from './datasets';
import { SAMPLE_DATASET_DESCRIPTION, SAMPLE_DATASET_ITEMS, SAMPLE_DATASET_NAME } from './sample-dataset';

/** The workspace's sample dataset: the one with the sample name when there is one, else a new one. */
export async function ensureSampleDataset({ workspaceId, userId }: { workspaceId: string; userId: string }) {
  const existing = await getDatasetByName({ workspaceId, name: SAMPLE_DATASET_NAME });
  if (existing) return { dataset: existing, created: false };
  try {
    const dataset = await createDataset({ workspaceId, userId, input: { name: SAMPLE_DATASET_NAME, description: SAMPLE_DATASET_DESCRIPTION, items: SAMPLE_DATASET_ITEMS } });
    return { dataset, created: true };
  } catch (error) {
    // Made meanwhile by another run of the seed.
    const made = error instanceof ApiError && error.code === 'CONFLICT' ? await getDatasetByName({ workspaceId, name: SAMPLE_DATASET_NAME }) : null;
    if (!made) throw error;
    return { dataset: made, created: false };
  }
}
