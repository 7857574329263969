import { CircleCheck, CircleMinus, CircleSlash } from 'lucide-react';
import { formatCount } from '@/lib/client/format';
import type { ImportReport } from './use-import';

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

function counts(parts: [number, string, string?][]): string {
  const shown = parts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  return shown.length ? shown.join(', ') : 'nothing';
}

/** What an import creates (or created), what is already here, and what it leaves out, with the reason for each. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { created, existing, skipped } = report;
  return (
    <div className="grid min-w-0 gap-3 text-sm" data-testid="import-report">
      <p className="flex items-start gap-2" data-testid="import-created">
        <CircleCheck className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden />
        <span>
          <span className="font-medium">{report.dryRun ? 'Will create' : 'Created'}:</span>{' '}
          {counts([[created.prompts, 'prompt'], [created.versions, 'version'], [created.labels, 'label'], [created.deployments, 'deployment'], [created.datasets, 'dataset'], [created.items, 'item']])}
        </span>
      </p>
      <p className="flex items-start gap-2" data-testid="import-existing">
        <CircleMinus className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
        <span>
          <span className="font-medium">Already here:</span> {counts([[existing.prompts, 'prompt'], [existing.versions, 'version'], [existing.datasets, 'dataset']])}
        </span>
      </p>
      {report.prompts.length > 0 && (
        <ul className="ml-6 list-disc space-y-0.5 text-muted-foreground">
          {report.prompts.map((p) => (
            <li key={p.slug}>
              <code className="font-mono text-foreground">{p.slug}</code> · {p.versionNumbers.map((n) => `v${n}`).join(', ')}
            </li>
          ))}
          {report.datasets.map((d) => (
            <li key={d.name}>
              dataset <span className="text-foreground">{d.name}</span> · {plural(d.items, 'item')}
            </li>
          ))}
        </ul>
      )}
      {skipped.length > 0 && (
        <details className="rounded-md border bg-muted/30 px-3 py-2" open={skipped.length <= 6} data-testid="import-skipped">
          <summary className="flex cursor-pointer items-center gap-2 font-medium">
            <CircleSlash className="size-4 text-amber-600" aria-hidden /> Left out: {plural(skipped.length, 'part')}
          </summary>
          <ul className="mt-2 max-h-48 space-y-1.5 overflow-y-auto pr-1">
            {skipped.map((s, i) => (
              <li key={i} className="break-words">
                <span className="font-mono text-xs">{s.what}</span>
                <span className="text-muted-foreground"> — {s.why}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
