'use client';

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type {
  AddItemsResponse,
  Dataset,
  DatasetDetail,
  DatasetItem,
  DatasetItemBody,
  ImportMode,
  ImportResponse,
  NewDatasetBody,
  UpdateDatasetBody,
  UpdateItemBody,
} from '@/lib/client/dataset-types';
import type { Page } from '@/lib/client/types';

export const DATASETS_PATH = '/api/v1/datasets';
const LIST_PAGE = 50;
// The grid reads big pages: 10,000 items are 10 requests.
const ITEMS_PAGE = 1000;

export const datasetsKey = (q: string) => [DATASETS_PATH, 'list', { q }] as const;
export const datasetKey = (id: string) => [DATASETS_PATH, id] as const;
export const datasetItemsKey = (id: string, q = '') => [DATASETS_PATH, id, 'items', { q }] as const;

export const datasetPath = (id: string) => `${DATASETS_PATH}/${encodeURIComponent(id)}`;
export const exportHref = (id: string, format: 'csv' | 'jsonl') => `${datasetPath(id)}/export?format=${format}`;

/** The workspace's datasets, newest-updated first, a page at a time. */
export function useDatasets(q: string) {
  return useInfiniteQuery({
    queryKey: datasetsKey(q),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(LIST_PAGE) });
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<Dataset>>(`${DATASETS_PATH}?${params}`, { signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useDataset(id: string) {
  return useQuery({ queryKey: datasetKey(id), queryFn: ({ signal }) => apiFetch<DatasetDetail>(datasetPath(id), { signal }) });
}

/** A dataset's items in position order; `q` searches their content. */
export function useDatasetItems(id: string, q = '') {
  return useInfiniteQuery({
    queryKey: datasetItemsKey(id, q),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(ITEMS_PAGE) });
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<DatasetItem>>(`${datasetPath(id)}/items?${params}`, { signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

function useInvalidateDataset() {
  const client = useQueryClient();
  return (id: string) => {
    void client.invalidateQueries({ queryKey: datasetKey(id) });
    void client.invalidateQueries({ queryKey: [DATASETS_PATH, 'list'] });
  };
}

export function useCreateDataset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDatasetBody) => apiFetch<DatasetDetail>(DATASETS_PATH, { method: 'POST', body }),
    onSuccess: (dataset) => {
      client.setQueryData(datasetKey(dataset.id), dataset);
      void client.invalidateQueries({ queryKey: [DATASETS_PATH, 'list'] });
    },
  });
}

export function useUpdateDataset(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateDatasetBody) => apiFetch<DatasetDetail>(datasetPath(id), { method: 'PATCH', body }),
    onSuccess: (dataset) => {
      client.setQueryData(datasetKey(id), dataset);
      void client.invalidateQueries({ queryKey: [DATASETS_PATH, 'list'] });
    },
  });
}

export function useDeleteDataset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ id: string }>(datasetPath(id), { method: 'DELETE' }),
    onSuccess: ({ id }) => {
      client.removeQueries({ queryKey: datasetKey(id) });
      void client.invalidateQueries({ queryKey: [DATASETS_PATH, 'list'] });
    },
  });
}

/** One item, several (`{ items }`), or a run (`{ runId }`: its variables and output). */
export type AddItemsBody = DatasetItemBody | { items: DatasetItemBody[] } | { runId: string };

type ItemsData = InfiniteData<Page<DatasetItem>>;

export function useAddItems() {
  const invalidate = useInvalidateDataset();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ datasetId, body }: { datasetId: string; body: AddItemsBody }) =>
      apiFetch<AddItemsResponse>(`${datasetPath(datasetId)}/items`, { method: 'POST', body }),
    onSuccess: (res, { datasetId }) => {
      invalidate(datasetId);
      // New items go last: a fully loaded grid appends them instead of reloading every page.
      const key = datasetItemsKey(datasetId, '');
      const data = client.getQueryData<ItemsData>(key);
      const last = data?.pages.at(-1);
      if (data && last && last.nextCursor === null && res.items.length === res.count) {
        client.setQueryData<ItemsData>(key, { ...data, pages: [...data.pages.slice(0, -1), { ...last, items: [...last.items, ...res.items] }] });
        void client.invalidateQueries({ queryKey: [DATASETS_PATH, datasetId, 'items'], predicate: (q) => (q.queryKey[3] as { q?: string } | undefined)?.q !== '' });
      } else {
        void client.invalidateQueries({ queryKey: [DATASETS_PATH, datasetId, 'items'] });
      }
    },
  });
}

export function useUpdateItem(datasetId: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateDataset();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: UpdateItemBody }) =>
      apiFetch<DatasetItem>(`${datasetPath(datasetId)}/items/${encodeURIComponent(itemId)}`, { method: 'PATCH', body }),
    // The grid shows the saved item in place, without refetching 10,000 rows.
    onSuccess: (item) => {
      client.setQueriesData<ItemsData>({ queryKey: [DATASETS_PATH, datasetId, 'items'] }, (data) =>
        data && { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === item.id ? item : i)) })) },
      );
      // A renamed or new variable changes the dataset's columns.
      invalidate(datasetId);
    },
  });
}

export function useDeleteItem(datasetId: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateDataset();
  return useMutation({
    mutationFn: (itemId: string) => apiFetch<{ id: string }>(`${datasetPath(datasetId)}/items/${encodeURIComponent(itemId)}`, { method: 'DELETE' }),
    onSuccess: ({ id }) => {
      client.setQueriesData<ItemsData>({ queryKey: [DATASETS_PATH, datasetId, 'items'] }, (data) =>
        data && { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((i) => i.id !== id) })) },
      );
      invalidate(datasetId);
    },
  });
}

export type ImportBody = {
  datasetId: string;
  file: Blob;
  contentType: string;
  mode: ImportMode;
  /** Column → `input.<name>` | `expected` | `metadata.<key>` | `ignore`; only the columns that differ from the default. */
  map: Record<string, string>;
};

/** POST the raw file to …/import with the mapping as `map.<column>` query parameters. */
export function importPath({ datasetId, mode, map }: Pick<ImportBody, 'datasetId' | 'mode' | 'map'>): string {
  const params = new URLSearchParams({ mode });
  for (const [column, target] of Object.entries(map)) params.set(`map.${column}`, target);
  return `${datasetPath(datasetId)}/import?${params}`;
}

export function useImportDataset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportBody) =>
      apiFetch<ImportResponse>(importPath(body), { method: 'POST', raw: { body: body.file, contentType: body.contentType } }),
    onSuccess: ({ dataset }) => {
      client.setQueryData(datasetKey(dataset.id), dataset);
      void client.invalidateQueries({ queryKey: [DATASETS_PATH, dataset.id, 'items'] });
      void client.invalidateQueries({ queryKey: [DATASETS_PATH, 'list'] });
    },
  });
}
