import type { Interval } from '@/lib/client/experiment-types';
import { cn } from '@/lib/utils';

type Props = { diff: number | null; ci: Interval | null; pct?: boolean; label: string };

/**
 * A difference (A − B) and its interval on a symmetric axis around 0: an interval clear of 0 is a real difference. The axis
 * spans the largest end (at least ±10 points), so small intervals don't fill it.
 */
export function DiffInterval({ diff, ci, pct = false, label }: Props) {
  if (diff === null || ci === null) return <p className="text-xs text-muted-foreground">Not enough scored pairs yet.</p>;
  const span = Math.max(0.1, Math.abs(ci.low), Math.abs(ci.high), Math.abs(diff)) * 1.1;
  const x = (v: number) => ((v + span) / (2 * span)) * 100;
  const clear = ci.low > 0 || ci.high < 0;
  const fmt = (v: number) => (pct ? `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}` : `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`);
  return (
    <figure className="grid gap-1">
      <svg viewBox="0 0 100 16" preserveAspectRatio="none" className="h-5 w-full overflow-visible" role="img" aria-label={`${label}: ${fmt(diff)} (${fmt(ci.low)} to ${fmt(ci.high)})`}>
        <line x1="0" x2="100" y1="8" y2="8" className="stroke-border" strokeWidth="1" vectorEffect="non-scaling-stroke" />
        <line x1="50" x2="50" y1="1" y2="15" className="stroke-muted-foreground" strokeWidth="1" strokeDasharray="2 2" vectorEffect="non-scaling-stroke" />
        <rect x={x(ci.low)} width={Math.max(0.5, x(ci.high) - x(ci.low))} y="5" height="6" rx="1" className={cn(clear ? 'fill-primary/40' : 'fill-muted-foreground/30')} />
        <rect x={x(diff) - 0.4} width="0.8" y="2" height="12" className={clear ? 'fill-primary' : 'fill-muted-foreground'} />
      </svg>
      <figcaption className="flex justify-between font-mono text-[0.6875rem] text-muted-foreground tabular-nums">
        <span>B better</span>
        <span>
          95% CI {fmt(ci.low)} to {fmt(ci.high)}
          {pct ? ' pts' : ''}
        </span>
        <span>A better</span>
      </figcaption>
    </figure>
  );
}
