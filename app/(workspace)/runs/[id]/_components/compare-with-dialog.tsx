'use client';

import { useMemo, useState } from 'react';
import Link from 'next/link';
import { GitCompareArrowsIcon } from 'lucide-react';
import { compareRunsHref, MAX_COMPARE_RUNS } from '@/components/runs/compare-runs';
import { outputPreview } from '@/components/runs/run-format';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { RunVersionLabel } from '@/components/runs/run-version-label';
import { useRuns } from '@/components/runs/use-runs';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/client/api';
import { formatRelative, useNow } from '@/lib/client/format';
import { pageItems } from '@/lib/client/pages';
import type { Run } from '@/lib/client/types';

function RecentRuns({ run, picked, onToggle }: { run: Run; picked: string[]; onToggle: (id: string) => void }) {
  const list = useRuns(useMemo(() => ({ promptId: run.promptId }), [run.promptId]));
  const now = useNow();
  const others = useMemo(() => pageItems(list.data).filter((r) => r.id !== run.id), [list.data, run.id]);
  if (list.isPending) return <Skeleton className="h-32 w-full" />;
  if (list.isError) return <p className="text-sm text-destructive">{errorMessage(list.error)}</p>;
  if (others.length === 0) return <p className="text-sm text-muted-foreground">This prompt has no other runs yet.</p>;
  const full = picked.length >= MAX_COMPARE_RUNS - 1;
  return (
    <ul className="grid max-h-80 gap-1 overflow-y-auto" aria-label="Recent runs of this prompt">
      {others.map((other) => (
        <li key={other.id}>
          <label className="flex cursor-pointer items-center gap-3 rounded-md px-2 py-1.5 text-sm hover:bg-accent/60 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60">
            <input
              type="checkbox"
              className="size-4 shrink-0 accent-primary"
              checked={picked.includes(other.id)}
              disabled={full && !picked.includes(other.id)}
              onChange={() => onToggle(other.id)}
              data-testid="compare-with-option"
              data-run-id={other.id}
            />
            <RunStatusBadge status={other.status} />
            <RunVersionLabel run={other} className="text-xs" />
            <span className="max-w-32 truncate font-mono text-xs">{other.model}</span>
            <span className="min-w-0 flex-1 truncate text-muted-foreground">{outputPreview(other, 80)}</span>
            <span className="shrink-0 text-xs text-muted-foreground">{formatRelative(other.createdAt, now)}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}

/** "Compare with…": pick recent runs of the same prompt and open them beside this one. */
export function CompareWithDialog({ run }: { run: Run }) {
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) => setPicked((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="run-compare-with">
          <GitCompareArrowsIcon aria-hidden="true" />
          Compare with…
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl" data-testid="compare-with-dialog">
        <DialogHeader>
          <DialogTitle>Compare with other runs</DialogTitle>
          <DialogDescription>Pick up to {MAX_COMPARE_RUNS - 1} recent runs of this prompt to see beside this one.</DialogDescription>
        </DialogHeader>
        {open ? <RecentRuns run={run} picked={picked} onToggle={toggle} /> : null}
        <DialogFooter>
          {picked.length ? (
            <Button asChild>
              <Link href={compareRunsHref([run.id, ...picked])} data-testid="compare-with-go">
                Compare ({picked.length + 1})
              </Link>
            </Button>
          ) : (
            <Button disabled data-testid="compare-with-go">
              Compare
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
