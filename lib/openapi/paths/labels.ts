import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { labelNameSchema, labelStatsQuerySchema, listDeploymentsQuerySchema, putLabelSchema, readableLabelNameSchema, rollbackLabelSchema } from '@/lib/labels/schemas';
import { json, okResponse } from '../common';
import { actionErrors, jsonBody, readErrors, writeErrors } from '../operations';
import { deleteLabelResultSchema, deploymentPageSchema, labelStatsSchema, labelViewSchema, moveLabelResultSchema, rollbackLabelResultSchema } from '../schemas/labels';

const promptId = z.string().meta({ description: 'The prompt id (a UUID)' });
const labelPath = z.object({ id: promptId, label: labelNameSchema.meta({ description: 'A label name like `production`; `latest` is reserved' }) });
const protectedNote = 'Editors and up; a protected label only admins (and owners).';

export const labelsPaths: ZodOpenApiPathsObject = {
  '/api/v1/prompts/{id}/labels': {
    get: {
      operationId: 'listLabels',
      tags: ['Labels'],
      summary: 'List a prompt\'s labels',
      description: 'The virtual `latest` (always the newest version) first, then the stored labels by name. Viewers and up.',
      requestParams: { path: z.object({ id: promptId }) },
      responses: { '200': okResponse('The labels', z.array(labelViewSchema)), ...readErrors() },
    },
  },
  '/api/v1/prompts/{id}/labels/{label}': {
    put: {
      operationId: 'putLabel',
      tags: ['Labels'],
      summary: 'Deploy: point a label at a version or a split',
      description:
        'Creates the label (201) or moves it (200), recording a deployment with who, when, from and to, and the note. ' +
        'A split (2 to 5 versions, whole weights adding up to 100) is stored in version order; the same targets again change nothing ' +
        '(`deployment: null`). `protected` alone changes only the protection of an existing label, and only admins set it. ' +
        `Apps see the move on their next request. ${protectedNote}`,
      requestParams: { path: labelPath },
      requestBody: jsonBody(putLabelSchema.meta({ id: 'PutLabelBody' })),
      responses: {
        '200': okResponse('The label moved (or unchanged)', moveLabelResultSchema),
        '201': okResponse('The label created', moveLabelResultSchema),
        ...writeErrors(),
      },
    },
    delete: {
      operationId: 'deleteLabel',
      tags: ['Labels'],
      summary: 'Delete a label',
      description: `Recorded as a \`delete\` deployment; a rollback brings the label back. ${protectedNote}`,
      requestParams: { path: labelPath },
      responses: { '200': okResponse('The label is gone', deleteLabelResultSchema), ...actionErrors('INVALID_INPUT') },
    },
  },
  '/api/v1/prompts/{id}/labels/{label}/rollback': {
    post: {
      operationId: 'rollbackLabel',
      tags: ['Labels'],
      summary: 'Roll a label back',
      description:
        'Undoes the label\'s latest move, rollback or deletion, as one `rollback` deployment: the label goes back to what that one took it from. ' +
        'A rollback of a rollback goes forward again; a rollback of a deletion brings the label back (protection included; 422 when the prompt already has 50 labels); ' +
        'a rollback of that restore deletes it again (`label: null`, `to: null`). 409 when the label has served one thing since it was created (DELETE removes it). ' +
        `The body is optional (empty is \`{}\`). ${protectedNote}`,
      requestParams: { path: labelPath },
      requestBody: { required: false, ...json(rollbackLabelSchema.meta({ id: 'RollbackLabelBody' })) },
      responses: { '200': okResponse('The label rolled back', rollbackLabelResultSchema), ...writeErrors('CONFLICT') },
    },
  },
  '/api/v1/prompts/{id}/labels/{label}/stats': {
    get: {
      operationId: 'getLabelStats',
      tags: ['Labels'],
      summary: 'Compare the versions a label serves',
      description:
        'Per version, the runs made through the label in the last `days` days: count, errors, latency, cost, and the version\'s experiment score. ' +
        'The current targets come first, then versions that served the label earlier in the window (weight 0). `latest` works too. Viewers and up.',
      requestParams: { path: z.object({ id: promptId, label: readableLabelNameSchema }), query: labelStatsQuerySchema },
      responses: { '200': okResponse('The comparison', labelStatsSchema), ...readErrors() },
    },
  },
  '/api/v1/prompts/{id}/deployments': {
    get: {
      operationId: 'listDeployments',
      tags: ['Labels'],
      summary: 'List a prompt\'s deployments',
      description: 'Every label move, rollback, deletion and (un)protection, newest first; `label` narrows it to one label. Viewers and up.',
      requestParams: { path: z.object({ id: promptId }), query: listDeploymentsQuerySchema },
      responses: { '200': okResponse('A page of deployments', deploymentPageSchema), ...readErrors() },
    },
  },
};
