'use client';

import { useEffect, useEffectEvent, useRef } from 'react';
import { useRun } from '@/components/runs/use-run';
import { toast } from '@/components/ui/toaster';
import type { Run } from '@/lib/client/types';

/**
 * `?fromRun=<id>` ("Open in editor with these inputs" on a run page): once the run has loaded, `apply` fills the
 * editor and the run panel from it, once; a run of another prompt is refused.
 */
export function useFromRun(promptId: string, runId: string | null, apply: (run: Run) => void) {
  const { run, error } = useRun(runId);
  const applied = useRef(false);
  const onLoaded = useEffectEvent((loaded: Run) => {
    if (loaded.promptId !== promptId) {
      toast({ title: 'That run belongs to another prompt', description: 'Its inputs were not loaded.', variant: 'error' });
      return;
    }
    apply(loaded);
  });
  const onError = useEffectEvent(() => toast({ title: "Couldn't load the run's inputs", description: error?.message, variant: 'error' }));

  useEffect(() => {
    if (applied.current || (!run && !error)) return;
    applied.current = true;
    if (run) onLoaded(run);
    else onError();
  }, [run, error]);
}
