import Link from 'next/link';
import { InfoIcon } from 'lucide-react';
import { formatCost } from '@/lib/client/format';
import type { Run } from '@/lib/client/types';
import { costRows, estimateNotes, formatPreciseUsd, MODEL_PRICES_HREF, priceSourceView, tierNote } from './cost-breakdown-rows';

const LINK = 'text-primary underline-offset-4 hover:underline';

/** How the run's cost was reached: each token class × its rate, the total, the tier, and where the price came from. */
export function RunCostBreakdown({ run }: { run: Pick<Run, 'provider' | 'model' | 'usage' | 'costUsd' | 'costBreakdown' | 'priceSource' | 'cached'> }) {
  const breakdown = run.costBreakdown;
  if (!breakdown) {
    // Older runs (priced before breakdowns were stored) still have a total; a run without a price says how to get one.
    return (
      <div className="grid gap-1.5 text-sm" data-testid="run-cost-breakdown" data-state={run.costUsd === null ? 'unpriced' : 'total-only'}>
        <TotalRow value={<span data-testid="run-cost">{formatCost(run.costUsd)}</span>} />
        {run.costUsd === null && !run.cached ? (
          <p className="text-xs text-muted-foreground" data-testid="run-cost-no-price">
            No price for <span className="font-mono">{run.provider}/{run.model}</span>: add one in{' '}
            <Link href={MODEL_PRICES_HREF} className={LINK}>
              Settings
            </Link>
            .
          </p>
        ) : null}
        <PriceSourceLine source={run.priceSource} />
      </div>
    );
  }
  const rows = costRows(breakdown, { provider: run.provider, reasoningTokens: run.usage?.reasoningTokens ?? 0 });
  const tier = tierNote(breakdown.tier);
  const notes = estimateNotes(breakdown);
  return (
    <div className="grid gap-2 text-sm" data-testid="run-cost-breakdown" data-state="breakdown">
      <table className="w-full">
        <caption className="sr-only">Cost by token class: tokens × price per million tokens = cost</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Token class, tokens × price</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.tokenClass} className="align-top" data-testid={`cost-line-${row.tokenClass}`}>
              <th scope="row" className="py-1 pr-3 text-left font-normal">
                <span className="block">{row.label}</span>
                <span className="block font-mono text-xs text-muted-foreground tabular-nums">
                  {row.tokens} × {row.perMTok}
                </span>
              </th>
              <td className="py-1 text-right font-mono text-[0.8125rem] tabular-nums">{row.cost}</td>
            </tr>
          ))}
          <tr className="border-t font-medium">
            <th scope="row" className="pt-1.5 text-left">
              Total
            </th>
            <td className="pt-1.5 text-right font-mono text-[0.8125rem] tabular-nums" data-testid="run-cost" title={run.costUsd === null ? undefined : String(run.costUsd)}>
              {run.costUsd === null ? formatCost(null) : formatPreciseUsd(run.costUsd)}
            </td>
          </tr>
        </tbody>
      </table>
      {tier ? (
        <p className="text-xs text-muted-foreground" data-testid="run-cost-tier">
          {tier}
        </p>
      ) : null}
      {notes.length > 0 ? (
        <div className="flex gap-2 rounded-md border border-warning/50 bg-warning/10 px-2.5 py-2 text-xs text-warning-foreground dark:border-warning/30 dark:text-warning" data-testid="run-cost-estimate">
          <InfoIcon aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          <div className="grid gap-0.5">
            {notes.map((note) => (
              <p key={note}>{note}</p>
            ))}
          </div>
        </div>
      ) : null}
      <PriceSourceLine source={run.priceSource} />
    </div>
  );
}

function TotalRow({ value }: { value: React.ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4">
      <span className="text-muted-foreground">Total</span>
      <span className="font-mono text-[0.8125rem] tabular-nums">{value}</span>
    </div>
  );
}

/** "Price table 2026-12-01 · gpt-4o-mini from 2024-07-18 · openai.com/api/pricing, checked 2026-12-01", or the workspace's own price. */
function PriceSourceLine({ source }: { source: Run['priceSource'] }) {
  const view = priceSourceView(source);
  if (!view) return null;
  if (view.kind === 'workspace') {
    return (
      <p className="text-xs text-muted-foreground" data-testid="run-price-source" data-kind="workspace">
        <Link href={MODEL_PRICES_HREF} className={LINK}>
          Workspace price from {view.from}
        </Link>
      </p>
    );
  }
  return (
    <p className="text-xs break-words text-muted-foreground" data-testid="run-price-source" data-kind="table">
      Price table <span className="font-mono">{view.version}</span>
      {view.entry ? (
        <>
          {' · '}
          <span className="font-mono">{view.entry.model}</span> from {view.entry.effectiveFrom}
          {' · '}
          {view.entry.href ? (
            <a href={view.entry.href} target="_blank" rel="noreferrer noopener" className={LINK} data-testid="run-price-source-link">
              {view.entry.site}
            </a>
          ) : (
            'built in'
          )}
          , checked {view.entry.checkedOn}
        </>
      ) : null}
    </p>
  );
}
