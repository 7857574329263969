'use client';

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api';
import type { Page, Run } from '@/lib/client/types';
import { isInFlight } from './run-format';

const POLL_MS = 1500;
const PAGE_SIZE = 50;

export const RUNS_PATH = '/api/v1/runs';
/** `query` is GET /api/v1/runs's query without cursor and limit, as an object (see filtersToQuery). */
export const runsKey = (query: Record<string, string>) => [RUNS_PATH, query] as const;

const anyInFlight = (pages: Page<Run>[] | undefined) => pages?.some((page) => page.items.some((run) => isInFlight(run.status))) ?? false;

/** Runs matching `query`, newest first, a page at a time; refreshed every 1.5 s while a listed run is in flight. */
export function useRuns(query: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: runsKey(query),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ ...query, limit: String(PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch<Page<Run>>(`${RUNS_PATH}?${params}`, { signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Changed filters dim the old rows until the new ones land, rather than flashing a skeleton.
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (anyInFlight(q.state.data?.pages) ? POLL_MS : false),
  });
}

export type RunsList = ReturnType<typeof useRuns>;
