import 'server-only';
import { changeLabelLocked, getLabelRow } from '@/db/queries/prompt-labels';
import type { LabelTarget, PromptDeployment } from '@/db/schema';
import { ApiError, notFound, type FieldError } from '@/lib/api/errors';
import { afterLabelMoved, assertMayChange, managesProtectedLabels, tooManyLabels, type LabelActorInput } from './label-rules';
import { MAX_LABELS_PER_PROMPT, requestedTargets, sameTargets, type PutLabelInput } from './schemas';
import { toDeploymentView, toLabelView, type DeploymentView, type LabelView } from './views';

export type MoveLabelResult = { label: LabelView; deployment: DeploymentView | null };

/**
 * Creates or moves a label (PUT …/labels/{name}) and records the deployment in the same transaction. Sending the
 * targets it already has changes nothing and records nothing (`deployment: null`), unless `protected` changes.
 */
export async function moveLabel(args: {
  workspaceId: string;
  promptId: string;
  name: string;
  input: PutLabelInput;
  actor: LabelActorInput;
}): Promise<MoveLabelResult & { created: boolean }> {
  const { name, input, actor } = args;
  const requested = requestedTargets(input);
  const outcome = await changeLabelLocked({
    workspaceId: args.workspaceId,
    promptId: args.promptId,
    name,
    change: async (w) => {
      const current = w.label;
      assertMayChange(current, actor, 'move it');
      if (!requested && !current) throw notCreatedYet(name);
      if (!current && (await w.labelCount()) >= MAX_LABELS_PER_PROMPT) throw tooManyLabels('Delete one, or move an existing label instead.');
      const wasProtected = current?.protected ?? false;
      const isProtected = input.protected ?? wasProtected;
      if (isProtected !== wasProtected && !managesProtectedLabels(actor.role)) {
        throw new ApiError('FORBIDDEN', `Only admins protect or unprotect a label; you are ${actor.role}`);
      }
      if (requested) assertVersionsExist(input, await w.missingVersions(requested.map((t) => t.versionNumber)), w.prompt.latestVersionNumber);
      const targets: LabelTarget[] = requested ?? current!.targets;
      const moved = !current || !sameTargets(current.targets, targets);
      if (!moved && isProtected === wasProtected) return { label: null, moved: null, deployment: null, created: false, prompt: w.prompt };

      const label = await w.save({ targets, protected: isProtected, updatedBy: actor.userId });
      const who = { actorId: actor.userId, apiKeyId: actor.apiKeyId };
      const note = input.note ?? '';
      const move = moved ? await w.record({ action: 'move', fromTargets: current?.targets ?? null, toTargets: targets, note, ...who }) : null;
      const protection =
        isProtected !== wasProtected
          ? await w.record({ action: isProtected ? 'protect' : 'unprotect', fromTargets: targets, toTargets: targets, note: move ? '' : note, ...who })
          : null;
      return { label, moved: move, deployment: (move ?? protection) as PromptDeployment, created: !current, prompt: w.prompt };
    },
  });
  if (!outcome) throw notFound('Prompt');
  if (outcome.moved) await afterLabelMoved({ workspaceId: args.workspaceId, prompt: outcome.prompt, deployment: outcome.moved });
  // A change answers what it wrote; a no-op reads the label back for its last editor's name.
  const row = outcome.label
    ? { label: outcome.label, updatedByName: actor.userName }
    : await getLabelRow({ workspaceId: args.workspaceId, promptId: args.promptId, name });
  if (!row) throw notFound(`Label \`${name}\``);
  return {
    label: toLabelView(row),
    deployment: outcome.deployment ? toDeploymentView({ deployment: outcome.deployment, actorName: actor.userName }) : null,
    created: outcome.created,
  };
}

const notCreatedYet = (name: string) =>
  new ApiError('INVALID_INPUT', `\`${name}\` does not exist yet: send \`versionNumber\` or a \`split\` to create it`, {
    fields: [{ path: 'versionNumber', message: 'is required to create the label' }],
  });

/** 422 naming each version the prompt does not have, at the field it was sent in. */
function assertVersionsExist(input: PutLabelInput, missing: number[], latest: number): void {
  if (missing.length === 0) return;
  const message = (n: number) => `version ${n} does not exist; this prompt's versions are 1 to ${latest}`;
  const fields: FieldError[] =
    input.versionNumber !== undefined
      ? [{ path: 'versionNumber', message: message(input.versionNumber) }]
      : (input.split ?? []).flatMap((t, i) => (missing.includes(t.versionNumber) ? [{ path: `split.${i}.versionNumber`, message: message(t.versionNumber) }] : []));
  throw new ApiError('INVALID_INPUT', fields.map((f) => `\`${f.path}\`: ${f.message}`).join('; '), { fields });
}
