import { PromptLabError } from './errors.js';
import type { RequestOptions } from './http.js';
import type {
  AddedItems,
  CreateDatasetInput,
  CreateExperimentInput,
  DatasetDetail,
  DatasetItemInput,
  DatasetItemList,
  DatasetList,
  DatasetView,
  DeleteLabelResult,
  DeploymentView,
  ExperimentCreated,
  ExperimentDetail,
  ExperimentList,
  ExperimentProgress,
  ExperimentView,
  LabelTarget,
  LabelView,
  MoveLabelResult,
  Page,
  RollbackLabelResult,
  RunView,
} from './types.js';

type Requester = { request<T>(method: string, path: string, options?: RequestOptions): Promise<T> };

export type ListOptions = { cursor?: string; limit?: number };
/** One version, a split of 2..5 weighted versions, or (admins) only `protected` on an existing label. */
export type LabelMove = (({ versionNumber: number } | { split: LabelTarget[] }) & { protected?: boolean } | { protected: boolean }) & { note?: string };
export type WaitOptions = {
  /** Called whenever the counts change, and once at the start. */
  onProgress?: (progress: ExperimentProgress, experiment: ExperimentDetail) => void;
  /** Give up after this long (TIMEOUT error carrying the last experiment in `details`). Default 30 min. */
  timeoutMs?: number;
  /** Between polls. Default 1 s. */
  intervalMs?: number;
  signal?: AbortSignal;
};

const TERMINAL_EXPERIMENT = new Set(['completed', 'canceled']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const seg = encodeURIComponent;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new PromptLabError('ABORTED', 'waiting was aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new PromptLabError('ABORTED', 'waiting was aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const sameProgress = (a: ExperimentProgress | null, b: ExperimentProgress) =>
  a !== null && a.total === b.total && a.succeeded === b.succeeded && a.errored === b.errored && a.canceled === b.canceled;

export function createResources(client: Requester) {
  const promptIds = new Map<string, string>();
  /** Runs `call` with the prompt's id; a 404 on a remembered id (the prompt was deleted, the slug reused) resolves it again once. */
  async function withPromptId<T>(prompt: string, call: (id: string) => Promise<T>): Promise<T> {
    const remembered = promptIds.has(prompt);
    try {
      return await call(await promptIdOf(prompt));
    } catch (error) {
      if (!remembered || !(error instanceof PromptLabError) || error.status !== 404) throw error;
      promptIds.delete(prompt);
      return call(await promptIdOf(prompt));
    }
  }
  /** Labels take a prompt id or its slug (resolved once per client). */
  async function promptIdOf(prompt: string): Promise<string> {
    if (UUID.test(prompt)) return prompt;
    const known = promptIds.get(prompt);
    if (known) return known;
    const resolved = await client.request<{ id: string }>('GET', `api/v1/prompts/by-slug/${seg(prompt)}`, { query: { label: 'latest' } });
    promptIds.set(prompt, resolved.id);
    return resolved.id;
  }

  const experiments = {
    create: (input: CreateExperimentInput) => client.request<ExperimentCreated>('POST', 'api/v1/experiments', { body: input }),
    get: (id: string) => client.request<ExperimentDetail>('GET', `api/v1/experiments/${seg(id)}`),
    list: (options: ListOptions & { datasetId?: string; promptId?: string; status?: string } = {}) =>
      client.request<ExperimentList>('GET', 'api/v1/experiments', { query: options }),
    cancel: (id: string) => client.request<ExperimentView>('POST', `api/v1/experiments/${seg(id)}/cancel`),
    /** Polls until the experiment is completed or canceled; answers its final state. */
    async wait(id: string, options: WaitOptions = {}): Promise<ExperimentDetail> {
      const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
      let last: ExperimentProgress | null = null;
      let failures = 0;
      for (;;) {
        let experiment: ExperimentDetail;
        try {
          experiment = await client.request<ExperimentDetail>('GET', `api/v1/experiments/${seg(id)}`, { signal: options.signal });
          failures = 0;
        } catch (error) {
          // The server restarting or rate limiting is no reason to give up on the experiment: back off and ask again.
          if (!(error instanceof PromptLabError) || !error.unavailable || error.code === 'ABORTED' || Date.now() >= deadline) throw error;
          failures += 1;
          const backoff = Math.min(30_000, (options.intervalMs ?? 1000) * 2 ** failures);
          await sleep(Math.min(backoff, Math.max(0, deadline - Date.now())), options.signal);
          continue;
        }

        if (!sameProgress(last, experiment.progress)) {
          last = experiment.progress;
          options.onProgress?.(experiment.progress, experiment);
        }
        if (TERMINAL_EXPERIMENT.has(experiment.status)) return experiment;
        if (Date.now() >= deadline) {
          throw new PromptLabError('TIMEOUT', `experiment ${id} is still ${experiment.status} after ${options.timeoutMs ?? 30 * 60_000} ms`, { details: { experiment } });
        }
        await sleep(Math.min(options.intervalMs ?? 1000, Math.max(0, deadline - Date.now())), options.signal);
      }
    },
  };

  return {
    datasets: {
      list: (options: ListOptions & { q?: string } = {}) => client.request<DatasetList>('GET', 'api/v1/datasets', { query: options }),
      get: (id: string) => client.request<DatasetDetail>('GET', `api/v1/datasets/${seg(id)}`),
      create: (input: CreateDatasetInput) => client.request<DatasetView>('POST', 'api/v1/datasets', { body: input }),
      addItems: (id: string, items: DatasetItemInput[]) => client.request<AddedItems>('POST', `api/v1/datasets/${seg(id)}/items`, { body: { items } }),
      items: (id: string, options: ListOptions & { q?: string } = {}) => client.request<DatasetItemList>('GET', `api/v1/datasets/${seg(id)}/items`, { query: options }),
    },
    experiments,
    labels: {
      list: (prompt: string) => withPromptId(prompt, (id) => client.request<LabelView[]>('GET', `api/v1/prompts/${seg(id)}/labels`)),
      /** Moves (or creates) a label: one version, or a split of 2..5 weighted versions. */
      set: (prompt: string, label: string, move: LabelMove) =>
        withPromptId(prompt, (id) => client.request<MoveLabelResult>('PUT', `api/v1/prompts/${seg(id)}/labels/${seg(label)}`, { body: move })),
      remove: (prompt: string, label: string) =>
        withPromptId(prompt, (id) => client.request<DeleteLabelResult>('DELETE', `api/v1/prompts/${seg(id)}/labels/${seg(label)}`)),
      rollback: (prompt: string, label: string, options: { note?: string } = {}) =>
        withPromptId(prompt, (id) => client.request<RollbackLabelResult>('POST', `api/v1/prompts/${seg(id)}/labels/${seg(label)}/rollback`, { body: options })),
      deployments: (prompt: string, options: ListOptions & { label?: string } = {}) =>
        withPromptId(prompt, (id) => client.request<Page<DeploymentView>>('GET', `api/v1/prompts/${seg(id)}/deployments`, { query: options })),
    },
    runs: {
      get: (id: string) => client.request<RunView>('GET', `api/v1/runs/${seg(id)}`),
      cancel: (id: string) => client.request<RunView>('POST', `api/v1/runs/${seg(id)}/cancel`),
    },
  };
}

export type Resources = ReturnType<typeof createResources>;
