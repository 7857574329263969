import 'server-only';
import { changeLabelLocked } from '@/db/queries/prompt-labels';
import { ApiError, notFound } from '@/lib/api/errors';
import { afterLabelMoved, assertMayChange, type LabelActorInput } from './label-rules';
import type { MoveLabelResult } from './move-label';
import { toDeploymentView, toLabelView } from './views';

/**
 * Moves a label back to where its latest move, rollback or deletion took it from, as one `rollback` deployment.
 * Rolling back a rollback goes forward again; rolling back a deletion brings the label back.
 */
export async function rollbackLabel(args: { workspaceId: string; promptId: string; name: string; note?: string; actor: LabelActorInput }): Promise<MoveLabelResult> {
  const { name, actor } = args;
  const outcome = await changeLabelLocked({
    workspaceId: args.workspaceId,
    promptId: args.promptId,
    name,
    change: async (w) => {
      assertMayChange(w.label, actor, 'move it');
      const last = await w.lastMove();
      if (!last && !w.label) throw notFound(`Label \`${name}\``);
      if (!last?.fromTargets) {
        throw new ApiError('CONFLICT', `\`${name}\` has no earlier version to roll back to: it has served what it serves since it was created`);
      }
      // Undoing a deletion brings back the protection too, and needs the rights it asked for.
      const isProtected = w.label ? w.label.protected : await w.protectedBefore(last.createdAt);
      if (!w.label) assertMayChange({ name, protected: isProtected }, actor, 'move it');
      const label = await w.save({ targets: last.fromTargets, protected: isProtected, updatedBy: actor.userId });
      const deployment = await w.record({
        action: 'rollback',
        fromTargets: w.label?.targets ?? null,
        toTargets: last.fromTargets,
        note: args.note ?? '',
        rollbackOf: last.id,
        actorId: actor.userId,
        apiKeyId: actor.apiKeyId,
      });
      // Recorded, so the history alone says the recreated label is protected (for undoing a later deletion).
      if (!w.label && isProtected) {
        await w.record({ action: 'protect', fromTargets: last.fromTargets, toTargets: last.fromTargets, note: '', actorId: actor.userId, apiKeyId: actor.apiKeyId });
      }
      return { label, deployment, prompt: w.prompt };
    },
  });
  if (!outcome) throw notFound('Prompt');
  await afterLabelMoved({ workspaceId: args.workspaceId, prompt: outcome.prompt, deployment: outcome.deployment });
  return {
    label: toLabelView({ label: outcome.label, updatedByName: actor.userName }),
    deployment: toDeploymentView({ deployment: outcome.deployment, actorName: actor.userName }),
  };
}
