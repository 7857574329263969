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

type Summary = { variant: number; label: string; passed: number; failed: number; errored: number; pending: number; canceled: number; costUsd: number; latencyP50Ms: number | null };
export type ExperimentDetail = { id: string; name: string | null; status: string; progress: { total: number; succeeded: number; errored: number; canceled: number; pending: number }; summary?: Summary[] };
type Cell = {
  itemId: string;
  variant: number;
  repeat: number;
  status: string;
  result: 'pass' | 'fail' | 'error' | null;
  score: number | null;
  output: string | null;
  latencyMs: number | null;
  costUsd: number | null;
  results: { evaluator: string; status: string; reason: string }[];
  errorCode: string | null;
  errorMessage: string | null;
};
type Item = { itemId: string; position: number; input: Record<string, unknown>; metadata: Record<string, unknown> | null };

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
