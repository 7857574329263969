/*
 * The shapes the SDK reads and sends. They follow the API's OpenAPI document (openapi.json beside the package;
 * src/generated/api.ts is generated from it); the few the SDK builds on are named here so they read well in editors.
 */

import type { components } from '../generated/api.js';

type Schemas = components['schemas'];

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
export type Page<T> = { items: T[]; nextCursor: string | null };

export type RunStatus = Schemas['RunStatus'];
export type RunAccepted = Schemas['RunAccepted'];
/** A run as GET /api/v1/runs/{id} answers it; a run still going after `wait` has only `id` and `status`. */
export type RunView = RunAccepted & Partial<Schemas['RunView']>;

export type ExperimentStatus = 'queued' | 'running' | 'completed' | 'canceled' | (string & {});
export type ExperimentProgress = { total: number; succeeded: number; errored: number; canceled: number; pending: number };
export type ExperimentView = { id: string; name: string; status: ExperimentStatus; progress: ExperimentProgress; totalCells: number } & Record<string, unknown>;
export type ExperimentCreated = { id: string; status: ExperimentStatus; totalCells: number; reusedCells: number };

export type DatasetItemInput = { input: Record<string, unknown>; expected?: unknown; metadata?: Record<string, unknown> };
export type DatasetView = { id: string; name: string } & Record<string, unknown>;
