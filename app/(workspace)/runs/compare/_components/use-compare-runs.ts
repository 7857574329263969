'use client';

import { useQueries } from '@tanstack/react-query';
import { isInFlight, runApiPath } from '@/components/runs/run-format';
import { runKey } from '@/components/runs/use-run';
import { ApiClientError, apiFetch } from '@/lib/client/api';
import type { Run } from '@/lib/client/types';

const POLL_MS = 1500;

export type ComparedRun =
  | { id: string; state: 'loading' }
  | { id: string; state: 'missing' }
  | { id: string; state: 'error'; message: string; retry: () => void }
  | { id: string; state: 'ready'; run: Run };

/** Each run of the comparison by id (the run page's cache entries), polled while one is still in flight. */
export function useCompareRuns(ids: string[]): ComparedRun[] {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: runKey(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<Run>(runApiPath(id), { signal }),
      refetchInterval: (q: { state: { data?: Run } }) => (q.state.data && isInFlight(q.state.data.status) ? POLL_MS : false),
      retry: (count: number, error: Error) => !(error instanceof ApiClientError && error.status === 404) && count < 2,
    })),
    combine: (results) =>
      results.map((result, i): ComparedRun => {
        const id = ids[i]!;
        if (result.data) return { id, state: 'ready', run: result.data };
        if (result.error instanceof ApiClientError && result.error.status === 404) return { id, state: 'missing' };
        if (result.error) return { id, state: 'error', message: result.error.message, retry: () => void result.refetch() };
        return { id, state: 'loading' };
      }),
  });
}
