'use client';

import { useEffect } from 'react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from '@/components/ui/toaster';
import { apiFetch, errorMessage } from '@/lib/client/api';
import type {
  Cell,
  Experiment,
  ExperimentDetail,
  ExperimentFilters,
  ExperimentItem,
  VariantComparison,
} from '@/lib/client/experiment-types';
import type { Page } from '@/lib/client/types';
import { EXPERIMENTS_PATH, experimentApiPath, isExperimentLive } from './experiment-paths';
import { experimentStreamKey, useExperimentStream, type ExperimentStreamState } from './use-experiment-stream';

const LIST_POLL_MS = 3000;
const DETAIL_POLL_MS = 2000;
const SUMMARY_POLL_MS = 3000;
const BIG_PAGE = 1000;

export const experimentsKey = (filters: ExperimentFilters) => [EXPERIMENTS_PATH, filters] as const;
export const experimentKey = (id: string) => [experimentApiPath(id)] as const;
export const experimentItemsKey = (id: string) => [`${experimentApiPath(id)}/items`] as const;
export const experimentCellsKey = (id: string) => [`${experimentApiPath(id)}/cells`] as const;
export const comparisonKey = (id: string, a: number, b: number) => [`${experimentApiPath(id)}/compare`, { a, b }] as const;

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
};

/** Experiments matching `filters`, newest first; refreshed while a listed one is in flight. */
export function useExperiments(filters: ExperimentFilters) {
  return useInfiniteQuery({
    queryKey: experimentsKey(filters),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<Page<Experiment>>(`${EXPERIMENTS_PATH}?${query({ ...filters, cursor: pageParam, limit: 50 })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((e) => isExperimentLive(e.status))) ? LIST_POLL_MS : false),
  });
}

/** One experiment with its summary; live progress comes from the event stream, polling only when it can't be opened. */
export function useExperiment(id: string) {
  const client = useQueryClient();
  const result = useQuery({
    queryKey: experimentKey(id),
    queryFn: ({ signal }) => apiFetch<ExperimentDetail>(experimentApiPath(id), { signal }),
    refetchInterval: (q) => {
      const data = q.state.data;
      if (!data || !isExperimentLive(data.status)) return false;
      const stream = client.getQueryData<ExperimentStreamState>(experimentStreamKey(id));
      // The stream carries the counters; the summary (rates, intervals) still needs a look now and then.
      return stream?.open ? SUMMARY_POLL_MS : DETAIL_POLL_MS;
    },
  });
  const live = result.data !== undefined && isExperimentLive(result.data.status);
  const stream = useExperimentStream(id, live);
  return { ...result, stream };
}

/** Follows a paginated list to its end, a page at a time, so the first rows show before the last arrive. */
function useAllPages<T>(key: readonly unknown[], path: string, refetchMs: number | false) {
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => apiFetch<Page<T>>(`${path}?${query({ cursor: pageParam, limit: BIG_PAGE })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: refetchMs,
    staleTime: refetchMs === false ? Infinity : 0,
  });
  const { hasNextPage, isFetchingNextPage, isFetching, fetchNextPage, isError } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetching && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetching, isError, fetchNextPage]);
  return list;
}

/** The experiment's items (a snapshot: they never change), every page. */
export function useExperimentItems(id: string) {
  return useAllPages<ExperimentItem>(experimentItemsKey(id), `${experimentApiPath(id)}/items`, false);
}

/**
 * Every cell of the experiment. While it runs, the pages are fetched again every few seconds (longer for big ones),
 * so finished cells fill in without one request per cell.
 */
export function useExperimentCells(id: string, live: boolean, totalCells: number) {
  const every = live ? Math.max(2000, Math.ceil(totalCells / BIG_PAGE) * 800) : false;
  return useAllPages<Cell>(experimentCellsKey(id), `${experimentApiPath(id)}/cells`, every);
}

/** The paired comparison of variants a and b (none when they are the same). */
export function useComparison(id: string, a: number, b: number, version: string) {
  return useQuery({
    // `version` (the finished count) refreshes the verdict as cells finish.
    queryKey: [...comparisonKey(id, a, b), version],
    queryFn: ({ signal }) => apiFetch<VariantComparison>(`${experimentApiPath(id)}/compare?${query({ a, b })}`, { signal }),
    enabled: a !== b,
    placeholderData: keepPreviousData,
  });
}

function useRefresh(id: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: experimentKey(id) });
    void client.invalidateQueries({ queryKey: experimentCellsKey(id) });
    void client.invalidateQueries({ queryKey: [EXPERIMENTS_PATH] });
    client.removeQueries({ queryKey: experimentStreamKey(id) });
  };
}

/** Stops new calls; cells in flight finish or are canceled by the engine. */
export function useCancelExperiment(id: string) {
  const client = useQueryClient();
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: () => apiFetch<Experiment>(`${experimentApiPath(id)}/cancel`, { method: 'POST' }),
    onSuccess: (experiment) => {
      client.setQueryData<ExperimentDetail>(experimentKey(id), (prev) => prev && { ...prev, ...experiment });
      toast({ title: 'Experiment canceled', variant: 'success' });
    },
    onError: (error) => toast({ title: 'Could not cancel the experiment', description: errorMessage(error), variant: 'error' }),
    onSettled: refresh,
  });
}

/** Runs the errored cells again (and nothing else). */
export function useRetryErrors(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: () => apiFetch<{ id: string; retried: number }>(`${experimentApiPath(id)}/retry-errors`, { method: 'POST' }),
    onSuccess: ({ retried }) =>
      toast({ title: retried ? `Retrying ${retried} errored cell${retried === 1 ? '' : 's'}` : 'No errored cells to retry', variant: 'success' }),
    onError: (error) => toast({ title: 'Could not retry the errored cells', description: errorMessage(error), variant: 'error' }),
    onSettled: refresh,
  });
}
