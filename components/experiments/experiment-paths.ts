import type { ExperimentStatus } from '@/lib/client/experiment-types';

export const EXPERIMENTS_PATH = '/api/v1/experiments';
export const experimentApiPath = (id: string) => `${EXPERIMENTS_PATH}/${encodeURIComponent(id)}`;
export const experimentPath = (id: string) => `/experiments/${encodeURIComponent(id)}`;
export const datasetPath = (id: string) => `/datasets/${encodeURIComponent(id)}`;

export const isExperimentLive = (status: ExperimentStatus): boolean => status === 'queued' || status === 'running';
