import type { Dataset as DatasetRow, DatasetItem as DatasetItemRow } from '@/db/schema';

/** The dataset object of the public API (lists). */
export function toDatasetView(row: DatasetRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    itemCount: row.itemCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** With the sorted union of its items' input keys (the variables an experiment can fill). */
export function toDatasetDetailView(row: DatasetRow, variables: string[]) {
  return { ...toDatasetView(row), variables };
}

export function toDatasetItemView(row: DatasetItemRow) {
  return {
    id: row.id,
    position: row.position,
    input: row.input,
    expected: row.expected ?? null,
    metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type DatasetView = ReturnType<typeof toDatasetView>;
export type DatasetDetailView = ReturnType<typeof toDatasetDetailView>;
export type DatasetItemView = ReturnType<typeof toDatasetItemView>;
