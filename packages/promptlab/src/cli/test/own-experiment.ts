import path from 'node:path';
import { listAll, type Api } from '../api.js';
import { CliError } from '../errors.js';
import { listLabels, requirePromptBySlug } from '../prompts.js';
import { datasetItemsFor, datasetNameFor, type OwnTestConfig } from './own-config.js';

const MAX_VARIANTS = 10;

/** The POST /api/v1/experiments body for a PromptLab test file: its dataset is created once and reused while the cases stay the same. */
export async function experimentForOwnConfig(api: Api, config: OwnTestConfig, file: string): Promise<Record<string, unknown>> {
  const prompt = await requirePromptBySlug(api, config.prompt);
  const versions = await versionsToTest(api, config, prompt);
  const models = config.models && config.models.length > 0 ? config.models : [null];
  if (versions.length * models.length > MAX_VARIANTS) {
    throw new CliError(`${versions.length} versions × ${models.length} models is ${versions.length * models.length} variants; an experiment has at most ${MAX_VARIANTS}`, {
      fields: [{ path: 'models', message: 'test fewer versions or models at once' }],
    });
  }
  const variants = versions.flatMap((v) =>
    models.map((m) => ({
      promptId: prompt.id,
      versionNumber: v.versionNumber,
      ...(m ? { provider: m.provider, model: m.model, ...(m.params ? { params: m.params } : {}) } : {}),
      label: [`v${v.versionNumber}`, v.label, m ? (m.label ?? `${m.provider}/${m.model}`) : null].filter(Boolean).join(' ').slice(0, 100),
    })),
  );
  const datasetId = await ensureDataset(api, config, path.basename(file));
  return {
    name: (config.name ?? `promptlab test ${path.basename(file)}`).slice(0, 200),
    datasetId,
    variants,
    evaluators: config.evaluators.map((e) => ({ ...e, config: e.config ?? {} })),
    ...(config.threshold !== undefined ? { threshold: config.threshold } : {}),
    ...(config.repeats !== undefined ? { repeats: config.repeats } : {}),
    ...(config.concurrency !== undefined ? { concurrency: config.concurrency } : {}),
  };
}

type Version = { versionNumber: number; label: string | null };

async function versionsToTest(api: Api, config: OwnTestConfig, prompt: Awaited<ReturnType<typeof requirePromptBySlug>>): Promise<Version[]> {
  if (config.versions) return [...new Set(config.versions)].map((versionNumber) => ({ versionNumber, label: null }));
  if (config.label && config.label !== 'latest') {
    const label = (await listLabels(api, prompt.id)).find((l) => l.name === config.label);
    if (!label || label.targets.length === 0) {
      throw new CliError(`prompt \`${config.prompt}\` has no label \`${config.label}\``, { fields: [{ path: 'label', message: 'no such label on this prompt' }] });
    }
    // A split label is tested version by version, so the comparison shows each side of the split.
    return label.targets.map((t) => ({ versionNumber: t.versionNumber, label: label.targets.length > 1 ? `${label.name} ${t.weight}%` : label.name }));
  }
  if (!prompt.currentVersion) throw new CliError(`prompt \`${config.prompt}\` has no version yet`);
  return [{ versionNumber: prompt.currentVersion.versionNumber, label: config.label ?? null }];
}

async function ensureDataset(api: Api, config: OwnTestConfig, fileName: string): Promise<string> {
  const name = datasetNameFor(fileName, config.cases);
  const existing = (await listAll<{ id: string; name: string }>(api, '/api/v1/datasets', { q: name, limit: 100 }, 500)).find((d) => d.name === name);
  if (existing) return existing.id;
  const created = await api.post<{ id: string }>('/api/v1/datasets', {
    name,
    description: `Cases of ${fileName}, created by \`promptlab test\``,
    items: datasetItemsFor(config.cases),
  });
  return created.id;
}
