import 'server-only';
import type { Caller } from '@/lib/auth/resolve-caller';
import { createRun } from './create-run';
import { toRunWithTitleView, type RunWithTitleView } from './run-view';
import type { CreateRunInput } from './schemas';
import { isActiveRunStatus, type RunStatus } from './statuses';
import { waitForRun } from './wait-for-run';

export type RunAnswer = { created: boolean } & ({ finished: RunWithTitleView } | { finished: null; id: string; status: RunStatus });

/**
 * POST /runs: creates the run and, with `wait`, holds until it finishes (at most `wait` seconds, or until the request
 * is aborted). `finished` is the run as GET /runs/{id} shows it when it finished in time, else null with its status.
 */
export async function createRunAndWait({ caller, input, signal }: { caller: Caller; input: CreateRunInput; signal?: AbortSignal }): Promise<RunAnswer> {
  const { run, created } = await createRun({ caller, input });
  if (!input.wait) return { created, finished: null, id: run.id, status: run.status };
  const latest = await waitForRun({ runId: run.id, workspaceId: caller.workspace.id, waitMs: input.wait * 1000, signal });
  if (latest && !isActiveRunStatus(latest.run.status)) return { created, finished: toRunWithTitleView(latest) };
  return { created, finished: null, id: run.id, status: latest?.run.status ?? run.status };
}
