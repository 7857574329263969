'use client';

import { useEffect, useEffectEvent, useImperativeHandle, useRef, useState, useSyncExternalStore } from 'react';
import { PlayIcon, TriangleAlertIcon } from 'lucide-react';
import { LOCAL_PROVIDER, useProviders } from '@/components/runs/use-providers';
import { useRun } from '@/components/runs/use-run';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Kbd, KbdGroup } from '@/components/ui/kbd';
import { Spinner } from '@/components/ui/spinner';
import { apiFetch, ApiClientError } from '@/lib/client/api';
import type { AvailableProvider, CreateRunBody, ModelConfig, RunParams, RunStatus, Version } from '@/lib/client/types';
import { DEFAULT_MODEL } from '@/lib/prompts/schemas';
import { RunModelFields, type RunParamsForm } from './run-model-fields';
import { RunResult } from './run-result';
import { RunVariableField } from './run-variable-field';
import { buildVariables, fieldValue, loadLastValues, saveLastValues, variablesNamedIn, type RunValues } from './run-variables';

export type RunPanelHandle = {
  /** Runs the current version with the values in the form (the last used ones). */
  run: () => void;
  /** Scrolls the panel into view and focuses its first field. */
  focus: () => void;
};

type Props = {
  ref?: React.Ref<RunPanelHandle>;
  promptId: string;
  /** The current saved version: what Run runs. */
  version: Version | null;
  /** The draft differs from it. */
  dirty: boolean;
  /** A run was created, or the one shown finished: the history refreshes. */
  onRunsChanged?: () => void;
};

/** Per-version choices; a new current version starts from its own model settings again. */
type Overrides = { version: number | null; provider?: string; model?: string } & Partial<RunParamsForm>;
type SubmitError = { message: string; code: string; variables: string[] };

const noSubscribe = () => () => {};
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const isRunShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === 'Enter';
const numberText = (n: number | undefined) => (n === undefined ? '' : String(n));

function toParams(form: RunParamsForm): RunParams {
  const params: RunParams = {};
  const read = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));
  const temperature = read(form.temperature);
  const maxTokens = read(form.maxTokens);
  const topP = read(form.topP);
  if (temperature !== undefined) params.temperature = temperature;
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  if (topP !== undefined) params.topP = topP;
  return params;
}

export function RunPanel({ ref, promptId, version, dirty, onRunsChanged }: Props) {
  const apple = useSyncExternalStore(noSubscribe, isApple, () => false);
  const panelRef = useRef<HTMLElement>(null);
  const [values, setValues] = useState<RunValues>(() => loadLastValues(promptId));
  const [rawOverrides, setOverrides] = useState<Overrides>({ version: null });
  const [useCache, setUseCache] = useState(true);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<SubmitError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [runId, setRunId] = useState<string | null>(null);
  const live = useRun(runId);
  const providers = useProviders();

  const versionNumber = version?.versionNumber ?? null;
  const defs = version?.variables ?? [];
  const base: ModelConfig = version?.model ?? DEFAULT_MODEL;
  const overrides: Overrides = rawOverrides.version === versionNumber ? rawOverrides : { version: versionNumber };

  // The version's own provider when the workspace can use it (or while we don't know yet), else the local model.
  const known = providers.status === 'ready';
  const baseAvailable = providers.providers.some((p) => p.id === base.provider);
  const defaultProvider = baseAvailable || !known ? base.provider : LOCAL_PROVIDER.id;
  const provider = overrides.provider ?? defaultProvider;
  const providerList: AvailableProvider[] =
    known || providers.providers.some((p) => p.id === provider)
      ? providers.providers
      : [...providers.providers, { id: provider, label: provider, kind: 'unknown', source: 'version', models: provider === base.provider ? [base.model] : [] }];
  const suggested = providerList.find((p) => p.id === provider)?.models ?? [];
  const model = overrides.model ?? (provider === base.provider ? base.model : (suggested[0] ?? ''));
  const params: RunParamsForm = {
    temperature: overrides.temperature ?? numberText(base.temperature),
    maxTokens: overrides.maxTokens ?? numberText(base.maxTokens),
    topP: overrides.topP ?? numberText(base.topP),
  };
  const override = (patch: Partial<Overrides>) => setOverrides({ ...overrides, ...patch, version: versionNumber });

  function changeProvider(next: string) {
    const models = providerList.find((p) => p.id === next)?.models ?? [];
    override({ provider: next, model: next === base.provider ? base.model : (models[0] ?? '') });
  }

  function setValue(name: string, value: string | boolean) {
    setValues((prev) => ({ ...prev, [name]: value }));
    if (fieldErrors[name]) setFieldErrors(({ [name]: _, ...rest }) => rest);
  }

  async function submit() {
    if (!version || submitting) return;
    const { variables, errors } = buildVariables(defs, values);
    setFieldErrors(errors);
    const firstInvalid = Object.keys(errors)[0];
    if (firstInvalid) {
      document.getElementById(`run-var-${firstInvalid}`)?.focus();
      return;
    }
    // Remember what was run: the next visit (and "run again" after a restore) starts from it.
    saveLastValues(promptId, Object.fromEntries(defs.map((d) => [d.name, fieldValue(d, values)])));
    const body: CreateRunBody = {
      promptId,
      versionNumber: version.versionNumber,
      variables,
      provider,
      model: model.trim() || undefined,
      params: toParams(params),
      cache: useCache,
      idempotencyKey: crypto.randomUUID(),
    };
    setSubmitting(true);
    setSubmitError(null);
    try {
      const created = await apiFetch<{ id: string; status: RunStatus }>('/api/v1/runs', { method: 'POST', body });
      setRunId(created.id);
      onRunsChanged?.();
    } catch (error) {
      const e = error as Error;
      const code = e instanceof ApiClientError ? e.code : 'INTERNAL';
      const named = variablesNamedIn(e.message, defs);
      setSubmitError({ message: e.message, code, variables: named });
      setRunId(null);
      if (named[0]) document.getElementById(`run-var-${named[0]}`)?.focus();
    } finally {
      setSubmitting(false);
    }
  }

  useImperativeHandle(ref, () => ({
    run: () => {
      panelRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      void submit();
    },
    focus: () => {
      panelRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      const first = panelRef.current?.querySelector<HTMLElement>('input, textarea, select');
      first?.focus({ preventScroll: true });
    },
  }));

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!isRunShortcut(event) || event.defaultPrevented) return;
    if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
    event.preventDefault();
    void submit();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  // The history picks up the final status, tokens and cost as soon as the run settles.
  const settledRun = live.settled ? runId : null;
  const notifyChanged = useEffectEvent(() => onRunsChanged?.());
  useEffect(() => {
    if (settledRun) notifyChanged();
  }, [settledRun]);

  const invalid = new Set([...Object.keys(fieldErrors), ...(submitError?.variables ?? [])]);
  const unavailable = known && !baseAvailable && overrides.provider === undefined;

  return (
    <section
      ref={panelRef}
      aria-labelledby="run-heading"
      tabIndex={-1}
      className="grid scroll-mt-20 gap-4 rounded-xl border bg-card p-4 text-card-foreground shadow-xs outline-none"
      data-testid="run-panel"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="run-heading" className="flex items-center gap-2 text-sm font-semibold">
          <PlayIcon aria-hidden="true" className="size-4 text-muted-foreground" />
          Run
        </h2>
        <p className="text-xs text-muted-foreground" data-testid="run-version-note">
          {version ? (
            dirty ? (
              <span className="font-medium text-warning-foreground dark:text-warning">
                Runs the saved version v{version.versionNumber} — save first to run your changes
              </span>
            ) : (
              <>Runs the saved version v{version.versionNumber}</>
            )
          ) : (
            'Save a version to run it'
          )}
        </p>
      </div>

      <form
        noValidate
        className="grid gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="grid gap-3" disabled={!version}>
          <legend className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">Variables</legend>
          {defs.length === 0 ? (
            <p className="text-sm text-muted-foreground">This version has no variables: it runs as written.</p>
          ) : (
            <div className="grid gap-3 sm:grid-cols-2">
              {defs.map((def) => (
                <RunVariableField
                  key={def.name}
                  def={def}
                  value={fieldValue(def, values)}
                  onChange={(value) => setValue(def.name, value)}
                  error={fieldErrors[def.name] ?? (invalid.has(def.name) ? 'See the error below.' : undefined)}
                />
              ))}
            </div>
          )}
        </fieldset>

        <fieldset className="grid gap-3" disabled={!version}>
          <legend className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">Model</legend>
          <RunModelFields
            providers={providerList}
            provider={provider}
            model={model}
            params={params}
            onProviderChange={changeProvider}
            onModelChange={(next) => override({ model: next })}
            onParamChange={(patch) => override(patch)}
          />
          {unavailable ? (
            <p className="text-xs text-muted-foreground" data-testid="run-provider-note">
              This version is set to <span className="font-mono">{base.provider}/{base.model}</span>, which isn&apos;t set up in this
              workspace, so it runs on the local test model. Add a key in Settings to use it.
            </p>
          ) : null}
          {providers.status === 'error' ? (
            <p className="text-xs text-muted-foreground">Couldn&apos;t load the provider list; showing the local test model.</p>
          ) : null}
        </fieldset>

        <div className="flex flex-wrap items-center justify-between gap-3">
          <label className="flex cursor-pointer items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={useCache}
              onChange={(e) => setUseCache(e.target.checked)}
              className="size-4 cursor-pointer accent-primary"
              data-testid="run-use-cache"
            />
            Use cache
            <span className="text-xs text-muted-foreground">(an identical earlier run answers instantly)</span>
          </label>
          <Button type="submit" disabled={!version || submitting} aria-keyshortcuts={apple ? 'Meta+Enter' : 'Control+Enter'} data-testid="run-button">
            {submitting ? <Spinner label="Starting run" /> : <PlayIcon aria-hidden="true" />}
            Run{version ? ` v${version.versionNumber}` : ''}
            <KbdGroup aria-hidden="true" className="ml-1">
              <Kbd className="border-primary-foreground/30 bg-primary-foreground/15 text-primary-foreground">{apple ? '⌘' : 'Ctrl'}</Kbd>
              <Kbd className="border-primary-foreground/30 bg-primary-foreground/15 text-primary-foreground">↵</Kbd>
            </KbdGroup>
          </Button>
        </div>
      </form>

      {submitError ? (
        <Alert variant="destructive" data-testid="run-error">
          <TriangleAlertIcon aria-hidden="true" />
          <AlertDescription className="break-words text-destructive">
            <p>
              <span className="font-mono text-xs">{submitError.code}</span> {submitError.message}
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
      {runId && !submitError ? <RunResult key={runId} runId={runId} live={live} /> : null}
    </section>
  );
}
