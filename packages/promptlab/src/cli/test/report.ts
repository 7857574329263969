import type { components } from '../../generated/api.js';
import { listAll, type Api } from '../api.js';

/** One cell of the experiment, as the summary, JUnit and Markdown writers read it. */
export type CaseResult = {
  itemId: string;
  name: string;
  repeat: number;
  result: 'pass' | 'fail' | 'error' | 'pending';
  score: number | null;
  /** The evaluators that did not pass, as `name: reason`; the call's error for an errored cell. */
  reasons: string[];
  output: string | null;
  latencyMs: number | null;
  costUsd: number | null;
};

export type VariantResult = {
  index: number;
  label: string;
  passed: number;
  failed: number;
  errored: number;
  pending: number;
  costUsd: number;
  latencyP50Ms: number | null;
  cases: CaseResult[];
};

export type TestReport = {
  name: string;
  experimentId: string;
  url: string;
  status: string;
  durationMs: number;
  variants: VariantResult[];
};

// The API's own types (the OpenAPI document), narrowed to what the report reads so tests can build small ones.
type Schemas = components['schemas'];
type Summary = Pick<Schemas['VariantSummary'], 'variant' | 'label' | 'passed' | 'failed' | 'errored' | 'pending' | 'canceled' | 'costUsd' | 'latencyP50Ms'>;
export type ExperimentDetail = Pick<Schemas['ExperimentDetail'], 'id' | 'name' | 'status' | 'progress'> & { summary?: Summary[] };
type CellView = Schemas['CellView'];
type Cell = Pick<CellView, 'itemId' | 'variant' | 'repeat' | 'status' | 'result' | 'score' | 'output' | 'latencyMs' | 'costUsd' | 'errorCode' | 'errorMessage'> & {
  results: Pick<CellView['results'][number], 'evaluator' | 'status' | 'reason'>[];
};
type Item = Pick<Schemas['ExperimentItem'], 'itemId' | 'position' | 'input' | 'metadata'>;

/** A case's name: its description, else its variables (`city=Paris, tone=dry`), cut short. */
export function caseName(item: Pick<Item, 'input' | 'metadata' | 'position'> | undefined): string {
  if (!item) return 'case';
  const description = item.metadata?.description;
  if (typeof description === 'string' && description.trim()) return description.trim().slice(0, 200);
  const vars = Object.entries(item.input)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ')
    .replace(/\s+/g, ' ');
  return vars ? (vars.length > 80 ? `${vars.slice(0, 79)}…` : vars) : `case ${item.position + 1}`;
}

export function toCaseResult(cell: Cell, item: Item | undefined): CaseResult {
  const result = cell.status === 'errored' ? 'error' : cell.status === 'succeeded' && cell.result ? cell.result : cell.status === 'canceled' ? 'error' : 'pending';
  const reasons =
    result === 'error' && cell.errorMessage
      ? [`${cell.errorCode ?? 'error'}: ${cell.errorMessage}`]
      : cell.status === 'canceled'
        ? ['canceled before it ran']
        : cell.results.filter((r) => r.status !== 'pass').map((r) => `${r.evaluator}: ${r.reason}`);
  return { itemId: cell.itemId, name: caseName(item), repeat: cell.repeat, result, score: cell.score, reasons, output: cell.output, latencyMs: cell.latencyMs, costUsd: cell.costUsd };
}

/** Reads the finished experiment's summary, cells and items into a report. */
export async function readReport(api: Api, detail: ExperimentDetail, durationMs: number): Promise<TestReport> {
  const [cells, items] = await Promise.all([
    listAll<Cell>(api, `/api/v1/experiments/${detail.id}/cells`, { limit: 1000 }, 50_000),
    listAll<Item>(api, `/api/v1/experiments/${detail.id}/items`, { limit: 1000 }, 50_000),
  ]);
  const byItem = new Map(items.map((i) => [i.itemId, i]));
  const variants = (detail.summary ?? []).map((s): VariantResult => {
    const cases = cells.filter((c) => c.variant === s.variant).map((c) => toCaseResult(c, byItem.get(c.itemId)));
    return {
      index: s.variant,
      label: s.label,
      passed: cases.filter((c) => c.result === 'pass').length,
      failed: cases.filter((c) => c.result === 'fail').length,
      errored: cases.filter((c) => c.result === 'error').length,
      pending: cases.filter((c) => c.result === 'pending').length,
      costUsd: s.costUsd,
      latencyP50Ms: s.latencyP50Ms,
      cases,
    };
  });
  return { name: detail.name ?? detail.id, experimentId: detail.id, url: `${api.baseUrl}/experiments/${detail.id}`, status: detail.status, durationMs, variants };
}
