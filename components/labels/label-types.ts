// JSON shapes of the labels API as the browser receives them, from the server's own views (type-only imports).
import type { deleteLabel } from '@/lib/labels/delete-label';
import type { LabelStatsView, LabelVersionStats } from '@/lib/labels/label-stats';
import type { MoveLabelResult as MoveLabelResultView } from '@/lib/labels/move-label';
import type { rollbackLabel } from '@/lib/labels/rollback-label';
import type { PutLabelInput } from '@/lib/labels/schemas';
import type { DeploymentView as DeploymentViewServer, LabelView as LabelViewServer } from '@/lib/labels/views';
import type { Jsonify } from '@/lib/client/types';

export type LabelView = Jsonify<LabelViewServer>;
export type LabelTarget = LabelView['targets'][number];
export type DeploymentView = Jsonify<DeploymentViewServer>;
/** PUT /prompts/{id}/labels/{label}: one version or a split, plus a note and (admins) protection. */
export type MoveLabelBody = PutLabelInput;
/** `deployment` is null when the label already served those targets. */
export type MoveLabelResult = Jsonify<MoveLabelResultView>;
/** `label` is null when the rollback undid a restore, deleting the label again. */
export type RollbackLabelResult = Jsonify<Awaited<ReturnType<typeof rollbackLabel>>>;
export type DeleteLabelResult = Jsonify<Awaited<ReturnType<typeof deleteLabel>>>;
/** GET /prompts/{id}/labels/{label}/stats */
export type LabelStats = Jsonify<LabelStatsView>;
export type SplitVersionStats = Jsonify<LabelVersionStats>;
