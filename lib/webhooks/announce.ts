import 'server-only';
import { countExperimentVerdicts } from '@/db/queries/experiment-verdicts';
import { getExperimentForEngine } from '@/db/queries/experiments';
import { getPromptWithCurrentVersion } from '@/db/queries/prompts';
import { after as afterResponse } from 'next/server';
import { emitWorkspaceEvent } from './emit-event';

// The events that several services raise, each built in one place. Callers do not await: nothing waits on webhooks.

/**
 * Runs an emit past the response: in a request it is handed to after() (Vercel's waitUntil), so a serverless
 * instance frozen once the response is sent still writes the delivery rows (as lib/change-feed.ts publishes).
 */
function inBackground(task: Promise<unknown>): void {
  try {
    afterResponse(task);
  } catch {
    // No request scope (the queue's in-process jobs, scripts, tests): nothing freezes this process meanwhile.
  }
}

/** `version.created`, after a version (a new prompt's first, a save, a restore, a saved draft run) committed. */
export function announceVersionCreated(input: { workspaceId: string; promptId: string; versionNumber: number; authorId: string | null; slug?: string }): void {
  inBackground(emitWorkspaceEvent({
    workspaceId: input.workspaceId,
    event: 'version.created',
    data: async () => {
      const slug = input.slug ?? (await getPromptWithCurrentVersion({ id: input.promptId, workspaceId: input.workspaceId }))?.prompt.slug ?? null;
      return { promptId: input.promptId, slug, versionNumber: input.versionNumber, authorId: input.authorId };
    },
  }));
}

const FINAL = new Set(['completed', 'canceled']);

/**
 * `experiment.completed`, when a write reported the experiment final: the statements that finish an experiment
 * (recordCellOutcomes, stopExperiment) only report a final status from the one write that made it so.
 */
export function announceExperimentFinished(after: { id: string; status: string } | null | undefined): void {
  if (!after || !FINAL.has(after.status)) return;
  inBackground((async () => {
    const experiment = await getExperimentForEngine({ id: after.id });
    if (!experiment) return;
    await emitWorkspaceEvent({
      workspaceId: experiment.workspaceId,
      event: 'experiment.completed',
      data: async () => {
        const verdicts = await countExperimentVerdicts({ experimentId: experiment.id, workspaceId: experiment.workspaceId });
        const scored = verdicts.pass + verdicts.fail;
        return {
          id: experiment.id,
          name: experiment.name,
          status: after.status,
          totals: {
            cells: experiment.totalCells,
            succeeded: experiment.succeededCells,
            errored: experiment.erroredCells,
            canceled: experiment.canceledCells,
            costUsd: experiment.costUsd,
          },
          passed: verdicts.pass,
          failed: verdicts.fail,
          passRate: scored > 0 ? verdicts.pass / scored : null,
        };
      },
    });
  })().catch((error: unknown) => console.error('[webhooks] could not announce a finished experiment', after.id, error)));
}
