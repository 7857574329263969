import 'server-only';
import type { MemberRole, PromptDeployment } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import type { Caller } from '@/lib/auth/resolve-caller';
import { forgetPromptDelivery } from '@/lib/delivery/invalidate';
import { emitWorkspaceEvent } from '@/lib/webhooks/emit-event';
import { MAX_LABELS_PER_PROMPT } from './schemas';

/** Who changes a label: recorded on the deployment, and whose role decides what a protected label allows. */
export type LabelActorInput = { userId: string; userName: string | null; apiKeyId: string | null; role: MemberRole };

export const labelActor = (caller: Caller): LabelActorInput => ({
  userId: caller.user.id,
  userName: caller.user.name,
  apiKeyId: caller.apiKeyId ?? null,
  role: caller.workspace.role,
});

export const managesProtectedLabels = (role: MemberRole) => role === 'admin' || role === 'owner';

/** Editors may not touch a protected label; `verb` says what they tried ("move it", "delete it"). */
export function assertMayChange(label: { name: string; protected: boolean } | null, actor: LabelActorInput, verb: string): void {
  if (label?.protected && !managesProtectedLabels(actor.role)) {
    throw new ApiError('FORBIDDEN', `\`${label.name}\` is protected: only admins ${verb}`);
  }
}

/** 422 when one more stored label would pass the per-prompt cap; `advice` says what to do instead. */
export const tooManyLabels = (advice: string) =>
  new ApiError('INVALID_INPUT', `This prompt already has ${MAX_LABELS_PER_PROMPT} labels. ${advice}`, {
    fields: [{ path: 'label', message: `A prompt keeps at most ${MAX_LABELS_PER_PROMPT} labels` }],
  });

/** After a move, rollback or deletion has committed: resolutions drop the prompt, and webhooks hear of it. */
export async function afterLabelMoved(args: { workspaceId: string; prompt: { id: string; slug: string }; deployment: PromptDeployment }): Promise<void> {
  const { workspaceId, prompt, deployment: d } = args;
  forgetPromptDelivery(workspaceId, prompt.id);
  await emitWorkspaceEvent({
    workspaceId,
    event: 'label.moved',
    data: { promptId: prompt.id, slug: prompt.slug, label: d.label, from: d.fromTargets, to: d.toTargets, deploymentId: d.id, action: d.action },
  }).catch((error: unknown) => console.error('[labels] label.moved event not emitted', error));
}
