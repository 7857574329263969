import { QueryClient } from '@tanstack/react-query';
import { ApiClientError } from './api';

const MAX_RETRIES = 2;

/** A 4xx answer will not change on a retry; network failures and 5xx may. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiClientError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

/** One client per page load: data stays fresh for 30 s, so moving between pages doesn't refetch everything. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
      // A write is never repeated behind the user's back.
      mutations: { retry: false },
    },
  });
}
