import 'server-only';
import { changeLabelLocked } from '@/db/queries/prompt-labels';
import { ApiError, notFound } from '@/lib/api/errors';
import { afterLabelMoved, assertMayChange, tooManyLabels, type LabelActorInput } from './label-rules';
import { MAX_LABELS_PER_PROMPT } from './schemas';
import { toDeploymentView, toLabelView, type DeploymentView, type LabelView } from './views';

/** `label` is null when the rollback deleted the label (it undid the rollback that had restored it). */
export type RollbackLabelResult = { label: LabelView | null; deployment: DeploymentView };

/**
 * Undoes the label's latest move, rollback or deletion, as one `rollback` deployment (`rollbackOf` names it): the
 * label goes back to what that one took it from. So rolling back a move restores the previous targets, a rollback
 * of a rollback goes forward again, a rollback of a deletion brings the label back (protection included, within the
 * 50-label cap), and a rollback of that restore deletes it again (`to: null`). Only a label's creation is not
 * undone (409): DELETE removes a label.
 */
export async function rollbackLabel(args: { workspaceId: string; promptId: string; name: string; note?: string; actor: LabelActorInput }): Promise<RollbackLabelResult> {
  const { name, actor } = args;
  const outcome = await changeLabelLocked({
    workspaceId: args.workspaceId,
    promptId: args.promptId,
    name,
    change: async (w) => {
      assertMayChange(w.label, actor, 'move it');
      const last = await w.lastMove();
      if (!last && !w.label) throw notFound(`Label \`${name}\``);
      if (!last) throw nothingToRollBackTo(name);
      const who = { note: args.note ?? '', rollbackOf: last.id, actorId: actor.userId, apiKeyId: actor.apiKeyId };
      if (!last.fromTargets) {
        // A move from nothing created the label: not undone. A rollback from nothing restored it: undoing it deletes it.
        if (last.action !== 'rollback' || !w.label) throw nothingToRollBackTo(name);
        await w.remove();
        const deployment = await w.record({ action: 'rollback', fromTargets: w.label.targets, toTargets: null, ...who });
        return { label: null, deployment, prompt: w.prompt };
      }
      // Undoing a deletion brings back the protection too, needs the rights it asks for, and counts as a new label.
      const isProtected = w.label ? w.label.protected : await w.protectedBefore(last.createdAt);
      if (!w.label) {
        assertMayChange({ name, protected: isProtected }, actor, 'move it');
        if ((await w.labelCount()) >= MAX_LABELS_PER_PROMPT) throw tooManyLabels(`Delete one before bringing \`${name}\` back.`);
      }
      const label = await w.save({ targets: last.fromTargets, protected: isProtected, updatedBy: actor.userId });
      const deployment = await w.record({ action: 'rollback', fromTargets: w.label?.targets ?? null, toTargets: last.fromTargets, ...who });
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
    label: outcome.label ? toLabelView({ label: outcome.label, updatedByName: actor.userName }) : null,
    deployment: toDeploymentView({ deployment: outcome.deployment, actorName: actor.userName }),
  };
}

const nothingToRollBackTo = (name: string) =>
  new ApiError('CONFLICT', `\`${name}\` has no earlier version to roll back to: it has served what it serves since it was created`);
