import type { RunStatus } from '@/lib/client/types';
import { RUN_STATUSES } from './run-format';

/** Filters as typed into the form; empty strings mean "any". */
export type RunFilterValues = {
  promptId: string;
  versionNumber: string;
  status: '' | RunStatus;
  provider: string;
  model: string;
  cached: '' | 'true' | 'false';
  q: string;
  /** yyyy-mm-dd in the viewer's time zone. */
  from: string;
  to: string;
  /** An experiment's cell runs (linked from the experiment page); the history leaves them out otherwise. */
  experimentId: string;
};

export const EMPTY_FILTERS: RunFilterValues = {
  promptId: '',
  versionNumber: '',
  status: '',
  provider: '',
  model: '',
  cached: '',
  q: '',
  from: '',
  to: '',
  experimentId: '',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function localDayBoundary(day: string, end: boolean): string | null {
  if (!DATE.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The GET /api/v1/runs query for these filters; dates cover whole days in the viewer's time zone. */
export function filtersToQuery(values: RunFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (values.promptId) params.set('promptId', values.promptId);
  if (/^[1-9]\d*$/.test(values.versionNumber.trim())) params.set('versionNumber', values.versionNumber.trim());
  if (values.status) params.set('status', values.status);
  if (values.provider) params.set('provider', values.provider);
  if (values.model.trim()) params.set('model', values.model.trim());
  if (values.cached) params.set('cached', values.cached);
  if (values.q.trim()) params.set('q', values.q.trim());
  const from = localDayBoundary(values.from, false);
  const to = localDayBoundary(values.to, true);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (values.experimentId) params.set('experimentId', values.experimentId);
  return params;
}

/** Filters for the /runs page address bar (dates stay as typed, so the link reads well). */
export function filtersToSearch(values: RunFilterValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value.trim()) params.set(key, value.trim());
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function filtersFromSearch(search: Record<string, string | string[] | undefined>): RunFilterValues {
  const get = (key: keyof RunFilterValues) => {
    const value = search[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  const status = get('status');
  const cached = get('cached');
  return {
    promptId: get('promptId'),
    versionNumber: get('versionNumber'),
    status: (RUN_STATUSES as string[]).includes(status) ? (status as RunStatus) : '',
    provider: get('provider'),
    model: get('model'),
    cached: cached === 'true' || cached === 'false' ? cached : '',
    q: get('q'),
    from: DATE.test(get('from')) ? get('from') : '',
    to: DATE.test(get('to')) ? get('to') : '',
    experimentId: get('experimentId'),
  };
}

export function hasFilters(values: RunFilterValues, ignore: (keyof RunFilterValues)[] = []): boolean {
  return (Object.keys(values) as (keyof RunFilterValues)[]).some((key) => !ignore.includes(key) && values[key].trim() !== '');
}
