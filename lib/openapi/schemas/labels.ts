import { z } from 'zod';
import type { LabelStatsView } from '@/lib/labels/label-stats';
import type { MoveLabelResult } from '@/lib/labels/move-label';
import type { RollbackLabelResult } from '@/lib/labels/rollback-label';
import type { DeploymentView, LabelView } from '@/lib/labels/views';
import { describes, isoDate, page, uuid } from './shared';

export const labelTargetView = z
  .object({ versionNumber: z.int(), weight: z.int().meta({ description: 'Share of traffic, 1 to 100; the targets add up to 100' }) })
  .meta({ id: 'LabelTarget' });

const actorSchema = z.object({ id: uuid, name: z.string().nullable() }).meta({ id: 'LabelActor' });

export const labelViewSchema = describes<LabelView>()(
  z
    .object({
      name: z.string(),
      targets: z.array(labelTargetView).meta({ description: 'One version (weight 100) or a split of 2 to 5' }),
      protected: z.boolean().meta({ description: 'Only admins move or delete a protected label' }),
      updatedAt: isoDate.nullable(),
      updatedBy: actorSchema.nullable(),
      virtual: z.literal(true).optional().meta({ description: 'Only on `latest`, which is not stored: it always serves the newest version' }),
    })
    .meta({ id: 'LabelView' }),
);

export const deploymentViewSchema = describes<DeploymentView>()(
  z
    .object({
      id: uuid,
      label: z.string(),
      action: z.enum(['move', 'rollback', 'delete', 'protect', 'unprotect']),
      from: z.array(labelTargetView).nullable().meta({ description: 'What the label served before; null when this created it' }),
      to: z.array(labelTargetView).nullable().meta({ description: 'What it serves after; null when this deleted it' }),
      note: z.string(),
      actor: actorSchema.nullable(),
      via: z.enum(['session', 'api_key']),
      rollbackOf: uuid.nullable().meta({ description: 'For a rollback: the deployment it undid' }),
      createdAt: isoDate,
    })
    .meta({ id: 'DeploymentView' }),
);

export const moveLabelResultSchema = describes<MoveLabelResult>()(
  z
    .object({
      label: labelViewSchema,
      deployment: deploymentViewSchema.nullable().meta({ description: 'Null when the label already served these targets (nothing changed)' }),
    })
    .meta({ id: 'MoveLabelResult' }),
);

export const rollbackLabelResultSchema = describes<RollbackLabelResult>()(
  z
    .object({
      label: labelViewSchema.nullable().meta({ description: 'Null when the rollback deleted the label (it undid the rollback that had restored it)' }),
      deployment: deploymentViewSchema,
    })
    .meta({ id: 'RollbackLabelResult' }),
);

export const deleteLabelResultSchema = z.object({ deleted: z.literal(true), deployment: deploymentViewSchema }).meta({ id: 'DeleteLabelResult' });

export const deploymentPageSchema = page(deploymentViewSchema).meta({ id: 'DeploymentPage' });

const versionStatsSchema = z.object({
  versionNumber: z.int(),
  weight: z.int().meta({ description: 'Its share now; 0 for a version that served the label earlier in the window' }),
  runs: z.int(),
  errors: z.int(),
  errorRate: z.number().nullable().meta({ description: 'Failed over finished (succeeded + failed) runs; null before any finished' }),
  latencyP50Ms: z.number().nullable().meta({ description: 'Over succeeded runs, linear interpolation' }),
  latencyP95Ms: z.number().nullable(),
  costUsd: z.number(),
  avgCostUsd: z.number().nullable(),
  experimentScore: z
    .object({ mean: z.number(), cells: z.int() })
    .nullable()
    .meta({ description: 'Mean score of the version\'s scored experiment cells (any time, not only the window)' }),
});

export const labelStatsSchema = describes<LabelStatsView>()(
  z.object({ label: z.string(), days: z.int(), since: isoDate, versions: z.array(versionStatsSchema) }).meta({ id: 'LabelStatsView' }),
);
