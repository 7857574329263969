'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { promptKey } from '@/components/prompts/use-prompt';
import { versionKey, versionsKey } from '@/components/prompts/use-versions';
import { runKey } from '@/components/runs/use-run';
import { RUNS_PATH } from '@/components/runs/use-runs';
import { runApiPath } from '@/components/runs/run-format';
import { apiFetch } from '@/lib/client/api';
import type { Prompt, Version } from '@/lib/client/types';

/** "Save as version" on a draft run: its template becomes the prompt's next version, and the run is linked to it. */
export function useSaveRunVersion(promptId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, ...body }: { runId: string; notes?: string; baseVersionNumber?: number }) =>
      apiFetch<Version>(`${runApiPath(runId)}/save-version`, { method: 'POST', body }),
    onSuccess: (version, { runId }) => {
      client.setQueryData(versionKey(promptId, version.versionNumber), version);
      client.setQueryData<Prompt>(promptKey(promptId), (prompt) =>
        prompt && { ...prompt, currentVersion: version, versionCount: Math.max(prompt.versionCount, version.versionNumber) },
      );
      void client.invalidateQueries({ queryKey: promptKey(promptId) });
      void client.invalidateQueries({ queryKey: versionsKey(promptId) });
      void client.invalidateQueries({ queryKey: runKey(runId) });
      void client.invalidateQueries({ queryKey: [RUNS_PATH] });
      void client.invalidateQueries({ queryKey: ['/api/v1/prompts'] });
    },
  });
}
