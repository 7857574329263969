import { RunCostBreakdown } from '@/components/runs/run-cost-breakdown';
import { ModelWarnings } from '@/components/runs/model-warning';
import { RunTokens } from '@/components/runs/run-metrics';
import { formatDuration, runParams } from '@/components/runs/run-format';
import { formatCount } from '@/lib/client/format';
import type { Run } from '@/lib/client/types';

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section aria-label={title} className="grid gap-3 rounded-xl border bg-card p-4 text-card-foreground shadow-xs" data-testid={testId}>
      <h2 className="text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Rows({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 text-right font-mono text-[0.8125rem] break-words tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const showValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** Usage and timings of a finished run, and how its cost was reached. */
export function RunUsageCard({ run }: { run: Run }) {
  const usage = run.usage;
  return (
    <>
      <Card title="Usage and timings">
        <div className="text-sm">
          <RunTokens run={run} />
        </div>
        {usage ? (
          <table className="w-full text-sm" data-testid="run-usage-table">
            <caption className="sr-only">Tokens{usage.estimated ? ' (estimated)' : ''}</caption>
            <tbody className="[&_td]:py-0.5 [&_td:last-child]:text-right [&_td:last-child]:font-mono [&_td:last-child]:tabular-nums [&_th]:py-0.5 [&_th]:text-left [&_th]:font-normal [&_th]:text-muted-foreground">
              <tr><th scope="row">Input</th><td>{formatCount(usage.inputTokens)}</td></tr>
              <tr><th scope="row">of which cached</th><td>{formatCount(usage.cachedInputTokens)}</td></tr>
              <tr><th scope="row">Cache writes</th><td>{formatCount(usage.cacheWriteTokens)}</td></tr>
              <tr><th scope="row">Output</th><td>{formatCount(usage.outputTokens)}</td></tr>
              <tr><th scope="row">of which reasoning</th><td>{formatCount(usage.reasoningTokens)}</td></tr>
              <tr className="border-t font-medium"><th scope="row">Total</th><td>{formatCount(usage.totalTokens)}</td></tr>
            </tbody>
          </table>
        ) : null}
        <Rows
          rows={[
            ['Latency', <span key="l" data-testid="run-latency">{formatDuration(run.latencyMs)}</span>],
            ['Time to first token', <span key="t" data-testid="run-ttft">{formatDuration(run.ttftMs)}</span>],
            ['Attempts', <span key="a" data-testid="run-attempts">{run.attempts}</span>],
          ]}
        />
      </Card>
      <Card title="Cost" testId="run-cost-card">
        <RunCostBreakdown run={run} />
      </Card>
    </>
  );
}

export function RunModelCard({ run, providerLabel }: { run: Run; providerLabel: string }) {
  const { temperature, maxTokens, topP, stop } = runParams(run);
  return (
    <Card title="Model" testId="run-model-card">
      {/* As of now, not of the run: a model retired since still ran then, but a re-run would fail. */}
      <ModelWarnings warnings={run.warnings} testId="run-model-warning" />
      <Rows
        rows={[
          ['Provider', providerLabel],
          ['Model', run.model],
          ['Temperature', temperature ?? 'default'],
          ['Max tokens', maxTokens ?? 'default'],
          ['Top-p', topP ?? 'default'],
          ['Stop', stop?.length ? stop.map((s) => JSON.stringify(s)).join(', ') : 'none'],
        ]}
      />
    </Card>
  );
}

export function RunVariablesCard({ variables }: { variables: Record<string, unknown> }) {
  const entries = Object.entries(variables);
  return (
    <Card title="Variables" testId="run-variables">
      {entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">None.</p>
      ) : (
        <dl className="grid gap-2 text-sm">
          {entries.map(([name, value]) => (
            <div key={name} className="grid gap-0.5">
              <dt className="font-mono text-xs text-muted-foreground">{name}</dt>
              <dd className="max-h-40 overflow-y-auto rounded-md bg-muted/40 px-2 py-1 font-mono text-[0.8125rem] break-words whitespace-pre-wrap dark:bg-muted/25">
                {showValue(value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

export function RunTimelineCard({ run }: { run: Run }) {
  const at = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }) : '—');
  return (
    <Card title="Timeline">
      <Rows
        rows={[
          ['Created', at(run.createdAt)],
          ['Started', at(run.startedAt)],
          ['Finished', at(run.finishedAt)],
        ]}
      />
    </Card>
  );
}
