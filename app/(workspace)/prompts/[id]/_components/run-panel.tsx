'use client';

import { ChevronRightIcon } from 'lucide-react';
import { NativeSelect } from '@/components/prompts/native-select';
import { ModelWarnings } from '@/components/runs/model-warning';
import { warningsForModels } from '@/components/runs/model-retirement';
import { Label } from '@/components/ui/label';
import { useNow } from '@/lib/client/format';
import type { FormErrors } from '@/lib/client/field-errors';
import type { ModelConfig, VariableDef, VersionSummary } from '@/lib/client/types';
import type { TemplateMessage } from '@/lib/prompts/schemas';
import { InputSetsMenu } from './input-sets-menu';
import { describeOverrides, type ProviderOption, type RunParamsForm, type RunTarget } from './run-model-choice';
import { RunEstimates } from './run-estimates';
import { RunOverrideFields } from './run-override-fields';
import type { RunSourceChoice } from './run-source';
import { RunTargetPicker } from './run-target-picker';
import { RunVariableField } from './run-variable-field';
import { fieldValue, type RunValues } from './run-variables';

type Props = {
  promptId: string;
  /** The picker: what is on screen, or a saved version. */
  choice: RunSourceChoice;
  screenLabel: string;
  versions: VersionSummary[];
  currentNumber: number | null;
  onChoiceChange: (choice: RunSourceChoice) => void;
  /** The variables of what runs, and the model settings an empty override leaves. */
  defs: VariableDef[];
  base: ModelConfig;
  /** The templates of what runs (for the estimate) and the output cap it runs with. */
  turns: TemplateMessage[];
  maxTokens?: number;
  values: RunValues;
  onValuesChange: (values: RunValues) => void;
  targets: RunTarget[];
  options: ProviderOption[];
  onTargetsChange: (targets: RunTarget[]) => void;
  overrides: RunParamsForm;
  /** The overrides section is open (it opens by itself when an API message names one of its fields). */
  overridesOpen: boolean;
  onOverridesOpenChange: (open: boolean) => void;
  onOverridesChange: (patch: Partial<RunParamsForm>) => void;
  useCache: boolean;
  onUseCacheChange: (useCache: boolean) => void;
  /** Checks made in the browser (by variable name), then the API's field messages. */
  localErrors: Record<string, string>;
  errors: FormErrors;
  /** The version's provider isn't set up here, so the first target is the local model. */
  fallbackFrom: string | null;
  providersFailed: boolean;
  onSubmit: () => void;
};

const LEGEND = 'mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase';

/** The run form: what runs, its variables, the models it goes to, and this run's overrides. */
export function RunPanel(props: Props) {
  const { defs, values, errors, localErrors, targets, options } = props;
  const overridden = [describeOverrides(props.overrides, props.base), props.useCache ? '' : 'no cache'].filter(Boolean).join(', ');
  const variableError = (name: string) => localErrors[name] ?? errors.fields[`variables.${name}`];
  const modelWarnings = warningsForModels(targets, useNow());
  return (
    <form
      id="run-form"
      noValidate
      className="grid gap-4 rounded-xl border bg-card p-4 text-card-foreground shadow-xs"
      aria-label="Run settings"
      data-testid="run-panel"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor="run-source">What runs</Label>
        <NativeSelect
          id="run-source"
          value={String(props.choice)}
          onChange={(e) => props.onChoiceChange(e.target.value === 'screen' ? 'screen' : Number(e.target.value))}
          data-testid="run-source"
        >
          <option value="screen">{props.screenLabel}</option>
          {props.versions.map((v) => (
            <option key={v.versionNumber} value={v.versionNumber}>
              v{v.versionNumber}
              {v.versionNumber === props.currentNumber ? ' (current)' : ''}
              {v.notes ? ` · ${v.notes.slice(0, 40)}` : ''}
            </option>
          ))}
        </NativeSelect>
      </div>

      <fieldset className="grid gap-3">
        <div className="flex items-center justify-between gap-2">
          <legend className={LEGEND}>Variables</legend>
          <InputSetsMenu promptId={props.promptId} values={values} variables={defs.map((d) => d.name)} onApply={props.onValuesChange} />
        </div>
        {defs.length === 0 ? (
          <p className="text-sm text-muted-foreground">No variables: it runs as written.</p>
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            {defs.map((def) => (
              <RunVariableField
                key={def.name}
                def={def}
                value={fieldValue(def, values)}
                onChange={(value) => props.onValuesChange({ ...values, [def.name]: value })}
                error={variableError(def.name)}
              />
            ))}
          </div>
        )}
      </fieldset>

      <fieldset className="grid gap-2">
        <legend className={LEGEND}>Models ({targets.length})</legend>
        <RunTargetPicker
          targets={targets}
          options={options}
          base={props.base}
          errors={{ provider: errors.fields.provider, model: errors.fields.model }}
          onChange={props.onTargetsChange}
        />
        <ModelWarnings
          warnings={modelWarnings}
          onSwitch={(warning, replacement) =>
            props.onTargetsChange(targets.map((t) => (t.provider === warning.provider && t.model.trim() === warning.model ? { ...t, model: replacement } : t)))
          }
          testId="run-model-warning"
        />
        <RunEstimates turns={props.turns} defs={defs} values={values} targets={targets} maxTokens={props.maxTokens} />
        {props.fallbackFrom ? (
          <p className="text-xs text-muted-foreground" data-testid="run-provider-note">
            This version is set to <span className="font-mono">{props.fallbackFrom}</span>, which isn&apos;t set up in this workspace, so it
            runs on the local test model. Add a key in Settings to use it.
          </p>
        ) : null}
        {props.providersFailed ? <p className="text-xs text-muted-foreground">Couldn&apos;t load the provider list; showing the local test model.</p> : null}
      </fieldset>

      <details className="group/overrides grid gap-2" open={props.overridesOpen} onToggle={(e) => props.onOverridesOpenChange(e.currentTarget.open)}>
        <summary
          className="flex cursor-pointer list-none items-center gap-2 rounded text-xs font-medium tracking-wide text-muted-foreground uppercase outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          data-testid="run-overrides-toggle"
        >
          <ChevronRightIcon aria-hidden="true" className="size-3.5 transition-transform group-open/overrides:rotate-90" />
          This run only
          <span className="font-normal tracking-normal normal-case">{overridden ? `· ${overridden}` : '· settings, cache'}</span>
        </summary>
        <div className="mt-2 grid gap-3">
          <p className="text-xs text-muted-foreground">Empty fields use the version&apos;s model settings (in the editor).</p>
          <RunOverrideFields
            value={props.overrides}
            base={props.base}
            providers={targets.map((t) => options.find((p) => p.id === t.provider))}
            errors={{ temperature: errors.fields['params.temperature'], maxTokens: errors.fields['params.maxTokens'], topP: errors.fields['params.topP'] }}
            onChange={props.onOverridesChange}
          />
          <label className="flex cursor-pointer items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={props.useCache}
              onChange={(e) => props.onUseCacheChange(e.target.checked)}
              className="size-4 cursor-pointer accent-primary"
              data-testid="run-use-cache"
            />
            Use cache
            <span className="text-xs text-muted-foreground">(an identical earlier run answers instantly)</span>
          </label>
        </div>
      </details>
    </form>
  );
}
