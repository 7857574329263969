import type { Run, RunParams, RunStatus } from '@/lib/client/types';
import { formatCount } from '@/lib/client/format';
import { isActiveRunStatus, RUN_STATUSES as ALL_RUN_STATUSES } from '@/lib/runs/statuses';

export const RUN_STATUSES: RunStatus[] = [...ALL_RUN_STATUSES];

/** Queued or running: the run can still change, be streamed and be canceled. */
export const isInFlight = (status: RunStatus): boolean => isActiveRunStatus(status);

/** "850 ms", "1.24 s", "2 min 5 s"; "—" when not measured. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Total tokens for a table cell: "1,234" or "~1,234" when estimated. */
export function formatTotalTokens(run: Pick<Run, 'usage'>): string {
  if (!run.usage) return '—';
  return `${run.usage.estimated ? '~' : ''}${formatCount(run.usage.totalTokens)}`;
}

/** One line of the output for table previews; a reply of tool calls only reads "get_weather(…)". */
export function outputPreview(run: Pick<Run, 'output' | 'error'> & Partial<Pick<Run, 'toolCalls'>>, max = 120): string {
  let text = (run.output ?? '').replace(/\s+/g, ' ').trim();
  if (!text && run.toolCalls?.length) text = run.toolCalls.map((call) => `${call.name}(${call.arguments.replace(/\s+/g, ' ').trim()})`).join(' ');
  if (!text) return run.error ? run.error.message : '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The generation params a run was made with, read from the run's loosely typed `params` object. */
export function runParams(run: Pick<Run, 'params'>): RunParams {
  const { temperature, maxTokens, topP, stop } = run.params as Record<string, unknown>;
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const params: RunParams = { temperature: number(temperature), maxTokens: number(maxTokens), topP: number(topP) };
  if (Array.isArray(stop)) params.stop = stop.filter((s): s is string => typeof s === 'string');
  return params;
}

export const runPath = (id: string) => `/runs/${encodeURIComponent(id)}`;
export const runApiPath = (id: string) => `/api/v1/runs/${encodeURIComponent(id)}`;

/** Link to a prompt, optionally opened read-only at one version. */
export function promptHref(promptId: string, versionNumber?: number): string {
  const base = `/prompts/${encodeURIComponent(promptId)}`;
  return versionNumber === undefined ? base : `${base}?version=${versionNumber}`;
}

/** JSON text indented for reading; anything that does not parse is returned as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
