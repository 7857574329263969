'use client';

import { useMemo, useState } from 'react';
import { useVersion } from '@/components/prompts/use-versions';
import { useAvailableProviders } from '@/components/providers/use-providers';
import { toast } from '@/components/ui/toaster';
import { formErrors } from '@/lib/client/field-errors';
import type { ModelConfig, Prompt, Version } from '@/lib/client/types';
import { DEFAULT_MODEL } from '@/lib/prompts/schemas';
import { draftToRunDraft, draftTurns, reconcileDraft, type Draft } from './draft';
import { formToModel } from './model-form';
import { defaultTarget, NO_OVERRIDES, providerOptions, toRunParams, type RunParamsForm, type RunTarget } from './run-model-choice';
import { resolveRunSource, runSummary, screenLabel, type RunSourceChoice } from './run-source';
import { loadTargets, saveTargets } from './run-targets-storage';
import { buildVariables, type RunValues } from './run-variables';
import { useRunBatch } from './use-run-batch';

export type Screen = { viewing: number | null; dirty: boolean; baseVersion: number | null };

type Args = {
  prompt: Prompt;
  screen: Screen;
  draft: Draft;
  /** The version opened read-only, once loaded. */
  shown: Version | null;
  values: RunValues;
  /** Fields of the draft the browser already knows the server would refuse. */
  problems: number;
};

const PARAM_PATHS = ['params.temperature', 'params.maxTokens', 'params.topP'];

/** The run panel's state and its Run: what will run, on which models, with which overrides, and the last batch. */
export function usePlaygroundRun({ prompt, screen, draft, shown, values, problems }: Args) {
  const current = prompt.currentVersion;
  const available = useAvailableProviders();
  const [choice, setChoice] = useState<RunSourceChoice>('screen');
  const source = resolveRunSource(choice, screen);
  const number = source.kind === 'version' ? source.versionNumber : null;
  const known = (n: number) => (n === current?.versionNumber ? current : n === shown?.versionNumber ? shown : null);
  const fetched = useVersion(prompt.id, number !== null && !known(number) ? number : null);
  const version = number === null ? null : (known(number) ?? fetched.data ?? null);
  const defs = source.kind === 'draft' ? reconcileDraft(draft).variables : (version?.variables ?? []);
  const base: ModelConfig = source.kind === 'draft' ? formToModel(draft.model) : (version?.model ?? DEFAULT_MODEL);
  const turns = useMemo(() => (source.kind === 'draft' ? draftTurns(draft) : (version?.messages ?? [])), [source.kind, draft, version]);
  const ready = source.kind === 'draft' || version !== null;

  // Untouched, the targets follow the settings of what runs: its model is the first target.
  // Chosen models are remembered per prompt, so a reload or a trip to the compare page keeps them.
  const [picked, setPicked] = useState<RunTarget[] | null>(() => loadTargets(prompt.id));
  const setTargets = (targets: RunTarget[] | null) => {
    setPicked(targets);
    saveTargets(prompt.id, targets);
  };
  const fallback = defaultTarget(base, available.providers, available.known);
  const targets = picked ?? [fallback.target];
  const [overrides, setOverrides] = useState<RunParamsForm>(NO_OVERRIDES);
  const [useCache, setUseCache] = useState(true);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const batch = useRunBatch();
  const refused = batch.data?.find((item) => item.error)?.error ?? batch.error;
  const errors = formErrors(refused, [...defs.map((d) => `variables.${d.name}`), ...PARAM_PATHS]);

  function run() {
    if (!ready || batch.isPending) return;
    if (source.kind === 'draft' && problems > 0) {
      toast({ title: 'Fix the marked fields in the editor first', description: 'The draft would be refused as it is.', variant: 'error' });
      return;
    }
    const { variables, errors: invalid } = buildVariables(defs, values);
    setLocalErrors(invalid);
    const firstInvalid = Object.keys(invalid)[0];
    if (firstInvalid) {
      document.getElementById(`run-var-${firstInvalid}`)?.focus();
      return;
    }
    const what = source.kind === 'draft' ? { draft: draftToRunDraft(draft) } : { versionNumber: source.versionNumber };
    const requests = targets.map((target) => ({
      target,
      body: {
        promptId: prompt.id,
        ...what,
        variables,
        provider: target.provider,
        model: target.model.trim() || undefined,
        params: toRunParams(overrides),
        cache: useCache,
        idempotencyKey: crypto.randomUUID(),
      },
    }));
    batch.mutate({ requests, sentDraft: source.kind === 'draft' ? draft : null });
  }

  return {
    choice,
    setChoice,
    source,
    summary: ready ? runSummary(source, targets, overrides, base) : 'Loading the version…',
    screenLabel: screenLabel(screen),
    ready,
    defs,
    base,
    turns,
    maxTokens: toRunParams(overrides).maxTokens ?? base.maxTokens,
    targets,
    setTargets,
    options: providerOptions(available.providers, targets),
    fallbackFrom: picked === null && fallback.fallback ? `${base.provider}/${base.model}` : null,
    providersFailed: available.failed,
    overrides,
    setOverrides: (patch: Partial<RunParamsForm>) => setOverrides((prev) => ({ ...prev, ...patch })),
    useCache,
    setUseCache,
    localErrors,
    clearLocalError: (name: string) => setLocalErrors(({ [name]: _, ...rest }) => rest),
    errors,
    batch,
    run,
  };
}

export type PlaygroundRun = ReturnType<typeof usePlaygroundRun>;
