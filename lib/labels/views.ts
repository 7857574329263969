import type { DeploymentRow } from '@/db/queries/prompt-deployments';
import type { LabelRow } from '@/db/queries/prompt-labels';
import type { LabelTarget, PromptDeployment } from '@/db/schema';

/** What the API answers for labels and deployments; the browser's types derive from these (`import type`). */
export type LabelActor = { id: string; name: string | null };

export type LabelView = {
  name: string;
  targets: LabelTarget[];
  protected: boolean;
  updatedAt: Date | null;
  updatedBy: LabelActor | null;
  /** Only on `latest`, which is not stored: it always serves the newest version. */
  virtual?: true;
};

export type DeploymentView = {
  id: string;
  label: string;
  action: PromptDeployment['action'];
  from: LabelTarget[] | null;
  to: LabelTarget[] | null;
  note: string;
  actor: LabelActor | null;
  via: 'session' | 'api_key';
  rollbackOf: string | null;
  createdAt: Date;
};

export function toLabelView({ label, updatedByName }: LabelRow): LabelView {
  return {
    name: label.name,
    targets: label.targets,
    protected: label.protected,
    updatedAt: label.updatedAt,
    updatedBy: label.updatedBy ? { id: label.updatedBy, name: updatedByName } : null,
  };
}

export function latestLabelView(latestVersionNumber: number): LabelView {
  return { name: 'latest', targets: [{ versionNumber: latestVersionNumber, weight: 100 }], protected: false, updatedAt: null, updatedBy: null, virtual: true };
}

export function toDeploymentView({ deployment: d, actorName }: DeploymentRow): DeploymentView {
  return {
    id: d.id,
    label: d.label,
    action: d.action,
    from: d.fromTargets,
    to: d.toTargets,
    note: d.note,
    actor: d.actorId ? { id: d.actorId, name: actorName } : null,
    via: d.apiKeyId ? 'api_key' : 'session',
    rollbackOf: d.rollbackOf,
    createdAt: d.createdAt,
  };
}
