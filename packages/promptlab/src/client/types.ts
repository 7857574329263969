/*
 * The shapes the SDK reads and sends. They follow the API's OpenAPI document (openapi.json beside the package;
 * src/generated/api.ts is generated from it); the few the SDK builds on are named here so they read well in editors.
 */

import type { components, operations } from '../generated/api.js';

type Schemas = components['schemas'];
/** The `data` of an operation's JSON answer with status S. */
type Data<Op extends keyof operations, S extends number = 200> = operations[Op]['responses'] extends Record<S, { content: { 'application/json': { data: infer D } } }> ? D : never;

export type VariableType = Schemas['VariableDef']['type'];
/** A declared variable as the API answers it (type and required filled in). */
export type VariableDef = Schemas['VariableDef'];
/** A variable as a fallback may declare it: type defaults to string, required to true. */
export type VariableInput = Pick<VariableDef, 'name'> & Partial<Omit<VariableDef, 'name'>>;
export type TemplateMessage = Schemas['TemplateMessage'];
export type ChatRole = TemplateMessage['role'];
export type ModelConfig = Schemas['ModelConfig'];

/** GET /api/v1/prompts/by-slug/{slug}: the version a label (or number) resolves to. */
export type ResolvedPrompt = Schemas['ResolvedPrompt'];
/** POST /api/v1/prompts/by-slug/{slug}/render, and what `prompt.compile()` answers locally. */
export type RenderedPrompt = Schemas['RenderedPrompt'];

export type LabelTarget = Schemas['LabelTarget'];
export type Actor = Schemas['LabelActor'] | null;
export type LabelView = Schemas['LabelView'];
export type DeploymentView = Schemas['DeploymentView'];
/** PUT a label: `deployment` is null when it already served these targets. */
export type MoveLabelResult = Schemas['MoveLabelResult'];
/** A rollback: `label` is null when it deleted the label (undoing the rollback that had restored it). */
export type RollbackLabelResult = Schemas['RollbackLabelResult'];
export type DeleteLabelResult = Schemas['DeleteLabelResult'];
export type Page<T> = { items: T[]; nextCursor: string | null };

export type RunStatus = Schemas['RunStatus'];
export type RunAccepted = Schemas['RunAccepted'];
/** A run as GET /api/v1/runs/{id} answers it; a run still going after `wait` has only `id` and `status`. */
export type RunView = RunAccepted & Partial<Schemas['RunView']>;

export type ExperimentStatus = Schemas['ExperimentStatus'];
export type ExperimentProgress = Schemas['ExperimentProgress'];
/** GET /api/v1/experiments/{id}: the experiment with its per-variant summary. */
export type ExperimentDetail = Schemas['ExperimentDetail'];
export type ExperimentView = Schemas['ExperimentView'];
export type ExperimentCreated = Schemas['CreatedExperiment'];
export type CreateExperimentInput = Schemas['CreateExperimentBody'];
export type ExperimentList = Data<'listExperiments'>;

export type DatasetView = Schemas['DatasetView'];
export type DatasetDetail = Schemas['DatasetDetail'];
export type DatasetItem = Schemas['DatasetItem'];
export type CreateDatasetInput = Schemas['CreateDatasetBody'];
export type DatasetItemInput = NonNullable<CreateDatasetInput['items']>[number];
export type AddedItems = Schemas['AddedItems'];
export type DatasetList = Data<'listDatasets'>;
export type DatasetItemList = Data<'listDatasetItems'>;
