import 'server-only';
import { notFound } from 'next/navigation';
import { getDatasetById } from '@/db/queries/datasets';
import { getExperimentById } from '@/db/queries/experiment-reads';
import { promptExists } from '@/db/queries/prompts';
import { getRunById } from '@/db/queries/runs';
import { isUuid } from '../ids';
import { requirePageCaller } from './page-caller';

// The pages load their data client-side; these answer a real 404 first for a record that is not there, or is
// another workspace's (the same answer, so ids of other workspaces reveal nothing).

export async function requirePromptPage(id: string): Promise<void> {
  const caller = await requirePageCaller(`/prompts/${encodeURIComponent(id)}`);
  if (!isUuid(id) || !(await promptExists({ id, workspaceId: caller.workspace.id }))) notFound();
}

export async function requireRunPage(id: string): Promise<void> {
  const caller = await requirePageCaller(`/runs/${encodeURIComponent(id)}`);
  if (!isUuid(id) || !(await getRunById({ id, workspaceId: caller.workspace.id }))) notFound();
}

export async function requireExperimentPage(id: string): Promise<void> {
  const caller = await requirePageCaller(`/experiments/${encodeURIComponent(id)}`);
  if (!isUuid(id) || !(await getExperimentById({ id, workspaceId: caller.workspace.id }))) notFound();
}

export async function requireDatasetPage(id: string): Promise<void> {
  const caller = await requirePageCaller(`/datasets/${encodeURIComponent(id)}`);
  if (!isUuid(id) || !(await getDatasetById({ id, workspaceId: caller.workspace.id }))) notFound();
}
