'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { CreateExperimentBody, ExperimentCreated, RerunExperimentBody } from '@/lib/client/experiment-types';
import type { Page } from '@/lib/client/types';

const EXPERIMENTS_PATH = '/api/v1/experiments';
const DATASETS_PATH = '/api/v1/datasets';

/** A dataset as the picker shows it (GET /datasets). */
export type DatasetOption = { id: string; name: string; itemCount: number; updatedAt: string };

/** Datasets for the picker, newest updated first; its own key so it never shares a cache entry with H6's infinite list. */
export function useDatasetOptions(q: string) {
  return useQuery({
    queryKey: [DATASETS_PATH, 'picker', q] as const,
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ limit: '100' });
      if (q) params.set('q', q);
      return apiFetch<Page<DatasetOption>>(`${DATASETS_PATH}?${params}`, { signal });
    },
    placeholderData: keepPreviousData,
  });
}

/** Starts an experiment, or with `sourceId` re-runs one (unchanged cells are reused); lists refresh. */
export function useCreateExperiment(sourceId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateExperimentBody | RerunExperimentBody) =>
      apiFetch<ExperimentCreated>(sourceId ? `${EXPERIMENTS_PATH}/${encodeURIComponent(sourceId)}/rerun` : EXPERIMENTS_PATH, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: [EXPERIMENTS_PATH] }),
  });
}
