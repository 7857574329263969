import 'server-only';
import { changeLabelLocked } from '@/db/queries/prompt-labels';
import { notFound } from '@/lib/api/errors';
import { afterLabelMoved, assertMayChange, type LabelActorInput } from './label-rules';
import { toDeploymentView, type DeploymentView } from './views';

/** Deletes a label, recording a `delete` deployment (a rollback brings it back). */
export async function deleteLabel(args: { workspaceId: string; promptId: string; name: string; actor: LabelActorInput }): Promise<{ deleted: true; deployment: DeploymentView }> {
  const { name, actor } = args;
  const outcome = await changeLabelLocked({
    workspaceId: args.workspaceId,
    promptId: args.promptId,
    name,
    change: async (w) => {
      if (!w.label) throw notFound(`Label \`${name}\``);
      assertMayChange(w.label, actor, 'delete it');
      await w.remove();
      const deployment = await w.record({ action: 'delete', fromTargets: w.label.targets, toTargets: null, note: '', actorId: actor.userId, apiKeyId: actor.apiKeyId });
      return { deployment, prompt: w.prompt };
    },
  });
  if (!outcome) throw notFound('Prompt');
  await afterLabelMoved({ workspaceId: args.workspaceId, prompt: outcome.prompt, deployment: outcome.deployment });
  return { deleted: true, deployment: toDeploymentView({ deployment: outcome.deployment, actorName: actor.userName }) };
}
