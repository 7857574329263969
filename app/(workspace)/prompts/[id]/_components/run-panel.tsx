'use client';

import { useEffect, useEffectEvent, useImperativeHandle, useRef, useState, useSyncExternalStore } from 'react';
import { PlayIcon, TriangleAlertIcon } from 'lucide-react';
import { useAvailableProviders } from '@/components/providers/use-providers';
import { useRun } from '@/components/runs/use-run';
import { useCreateRun } from '@/components/runs/use-runs';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Kbd, KbdGroup } from '@/components/ui/kbd';
import { Spinner } from '@/components/ui/spinner';
import { ApiClientError } from '@/lib/client/api';
import { formErrors } from '@/lib/client/field-errors';
import type { ModelConfig, Version } from '@/lib/client/types';
import { DEFAULT_MODEL } from '@/lib/prompts/schemas';
import { runModelChoice, toRunParams, type Overrides } from './run-model-choice';
import { RunModelFields } from './run-model-fields';
import { RunResult } from './run-result';
import { RunVariableField } from './run-variable-field';
import { buildVariables, fieldValue, loadLastValues, saveLastValues, type RunValues } from './run-variables';

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
};

const MODEL_PATHS = ['provider', 'model', 'params.temperature', 'params.maxTokens', 'params.topP'] as const;
const noSubscribe = () => () => {};
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const isRunShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === 'Enter';

export function RunPanel({ ref, promptId, version, dirty }: Props) {
  const apple = useSyncExternalStore(noSubscribe, isApple, () => false);
  const panelRef = useRef<HTMLElement>(null);
  const [values, setValues] = useState<RunValues>(() => loadLastValues(promptId));
  const [rawOverrides, setOverrides] = useState<Overrides>({ version: null });
  const [useCache, setUseCache] = useState(true);
  // Checks that need no server (a number field holding text, broken JSON).
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [runId, setRunId] = useState<string | null>(null);
  const create = useCreateRun();
  const live = useRun(runId);
  const available = useAvailableProviders();

  const versionNumber = version?.versionNumber ?? null;
  const defs = version?.variables ?? [];
  const base: ModelConfig = version?.model ?? DEFAULT_MODEL;
  const overrides: Overrides = rawOverrides.version === versionNumber ? rawOverrides : { version: versionNumber };
  const choice = runModelChoice(base, available.providers, available.known, overrides);
  const override = (patch: Partial<Overrides>) => setOverrides({ ...overrides, ...patch, version: versionNumber });
  const errors = formErrors(create.error, [...defs.map((d) => `variables.${d.name}`), ...MODEL_PATHS]);
  const variableError = (name: string) => localErrors[name] ?? errors.fields[`variables.${name}`];

  function changeProvider(next: string) {
    const models = choice.providers.find((p) => p.id === next)?.models ?? [];
    override({ provider: next, model: next === base.provider ? base.model : (models[0] ?? '') });
  }

  function setValue(name: string, value: string | boolean) {
    setValues((prev) => ({ ...prev, [name]: value }));
    if (localErrors[name]) setLocalErrors(({ [name]: _, ...rest }) => rest);
  }

  function submit() {
    if (!version || create.isPending) return;
    const { variables, errors: invalid } = buildVariables(defs, values);
    setLocalErrors(invalid);
    const firstInvalid = Object.keys(invalid)[0];
    if (firstInvalid) {
      document.getElementById(`run-var-${firstInvalid}`)?.focus();
      return;
    }
    // Remember what was run: the next visit (and "run again" after a restore) starts from it.
    saveLastValues(promptId, Object.fromEntries(defs.map((d) => [d.name, fieldValue(d, values)])));
    create.mutate(
      {
        promptId,
        versionNumber: version.versionNumber,
        variables,
        provider: choice.provider,
        model: choice.model.trim() || undefined,
        params: toRunParams(choice.params),
        cache: useCache,
        idempotencyKey: crypto.randomUUID(),
      },
      {
        onSuccess: (created) => setRunId(created.id),
        onError: (error) => {
          const named = error instanceof ApiClientError ? defs.find((d) => error.fields.some((f) => f.path.startsWith(`variables.${d.name}`))) : undefined;
          if (named) document.getElementById(`run-var-${named.name}`)?.focus();
        },
      },
    );
  }

  useImperativeHandle(ref, () => ({
    run: () => {
      panelRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      submit();
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
    submit();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

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
          submit();
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
                  error={variableError(def.name)}
                />
              ))}
            </div>
          )}
        </fieldset>

        <fieldset className="grid gap-3" disabled={!version}>
          <legend className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">Model</legend>
          <RunModelFields
            providers={choice.providers}
            provider={choice.provider}
            model={choice.model}
            params={choice.params}
            errors={{
              provider: errors.fields.provider,
              model: errors.fields.model,
              temperature: errors.fields['params.temperature'],
              maxTokens: errors.fields['params.maxTokens'],
              topP: errors.fields['params.topP'],
            }}
            onProviderChange={changeProvider}
            onModelChange={(next) => override({ model: next })}
            onParamChange={(patch) => override(patch)}
          />
          {choice.fallback ? (
            <p className="text-xs text-muted-foreground" data-testid="run-provider-note">
              This version is set to <span className="font-mono">{base.provider}/{base.model}</span>, which isn&apos;t set up in this
              workspace, so it runs on the local test model. Add a key in Settings to use it.
            </p>
          ) : null}
          {available.failed ? (
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
          <Button type="submit" disabled={!version || create.isPending} aria-keyshortcuts={apple ? 'Meta+Enter' : 'Control+Enter'} data-testid="run-button">
            {create.isPending ? <Spinner label="Starting run" /> : <PlayIcon aria-hidden="true" />}
            Run{version ? ` v${version.versionNumber}` : ''}
            <KbdGroup aria-hidden="true" className="ml-1">
              <Kbd className="border-primary-foreground/30 bg-primary-foreground/15 text-primary-foreground">{apple ? '⌘' : 'Ctrl'}</Kbd>
              <Kbd className="border-primary-foreground/30 bg-primary-foreground/15 text-primary-foreground">↵</Kbd>
            </KbdGroup>
          </Button>
        </div>
      </form>

      {errors.form ? (
        <Alert variant="destructive" data-testid="run-error">
          <TriangleAlertIcon aria-hidden="true" />
          <AlertDescription className="break-words text-destructive">
            <p>
              <span className="font-mono text-xs">{create.error instanceof ApiClientError ? create.error.code : 'INTERNAL'}</span> {errors.form}
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
      {runId && !create.isError ? <RunResult key={runId} runId={runId} live={live} /> : null}
    </section>
  );
}
