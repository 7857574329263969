'use client';

import { useMemo, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useVersions } from '@/components/prompts/use-versions';
import { NativeSelect } from '@/components/prompts/native-select';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { formErrors } from '@/lib/client/field-errors';
import { EvaluatorRows } from './evaluator-rows';
import { buildRequestBody, callEstimate, changedFields, cellSummary, defaultValues, errorPaths, type ExperimentFormValues } from './experiment-form-model';
import { useCreateExperiment, useDatasetOptions } from './use-create-experiment';
import { VariantRows } from './variant-rows';

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The prompt the form is opened on (required unless `initial` names the variants). */
  promptId?: string;
  /** Prefilled values, e.g. valuesFromConfig(experiment.config, experiment.datasetId) for "Re-run changed". */
  initial?: ExperimentFormValues;
  mode?: 'create' | 'rerun';
  /** The experiment a rerun starts from (mode 'rerun'). */
  sourceId?: string;
};

/** "Test" a prompt over a dataset, or "Re-run changed": POST /experiments (or …/rerun), then the experiment's page. */
export function ExperimentFormDialog({ open, onOpenChange, promptId, initial, mode = 'create', sourceId }: Props) {
  const rerun = mode === 'rerun';
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{rerun ? 'Re-run changed' : 'Test over a dataset'}</DialogTitle>
          <DialogDescription>
            {rerun
              ? 'A new experiment: unchanged cells reuse their results (no model call), only what you change runs again.'
              : 'Run versions and models over every item of a dataset, score each output and compare the variants.'}
          </DialogDescription>
        </DialogHeader>
        {open ? <FormLoader promptId={promptId} initial={initial} sourceId={rerun ? sourceId : undefined} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function FormLoader({ promptId, initial, sourceId, onDone }: { promptId?: string; initial?: ExperimentFormValues; sourceId?: string; onDone: () => void }) {
  if (initial) return <ExperimentForm initial={initial} promptId={promptId ?? initial.variants[0]?.promptId ?? ''} sourceId={sourceId} onDone={onDone} />;
  if (!promptId) return <p className="text-sm text-muted-foreground">Open this from a prompt.</p>;
  return <DefaultsLoader promptId={promptId} onDone={onDone} />;
}

/** The default rows need the prompt's version numbers (current and previous). */
function DefaultsLoader({ promptId, onDone }: { promptId: string; onDone: () => void }) {
  const versions = useVersions(promptId);
  if (versions.isPending) return <Spinner />;
  const numbers = versions.data?.pages.flatMap((p) => p.items.map((v) => v.versionNumber)) ?? [];
  return <ExperimentForm initial={defaultValues(promptId, numbers)} promptId={promptId} onDone={onDone} />;
}

type FormProps = { initial: ExperimentFormValues; promptId: string; sourceId?: string; onDone: () => void };

function ExperimentForm({ initial, promptId, sourceId, onDone }: FormProps) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [datasetQuery, setDatasetQuery] = useState('');
  const datasets = useDatasetOptions(datasetQuery);
  const start = useCreateExperiment(sourceId);
  const set = (patch: Partial<ExperimentFormValues>) => setValues((prev) => ({ ...prev, ...patch }));
  // A row added or removed shifts the indexes the server's errors name: drop them rather than show them on the wrong row.
  const setRows = (patch: Pick<ExperimentFormValues, 'variants'> | Pick<ExperimentFormValues, 'evaluators'>) => {
    const [key, rows] = Object.entries(patch)[0] as ['variants' | 'evaluators', unknown[]];
    if (rows.length !== values[key].length) {
      start.reset();
      setLocalErrors({});
    }
    set(patch);
  };
  const paths = useMemo(() => errorPaths(values), [values]);
  const server = formErrors(start.error, paths);
  const errors = { ...server.fields, ...localErrors };
  const options = datasets.data?.items ?? [];
  const dataset = options.find((d) => d.id === values.datasetId);
  const itemCount = dataset?.itemCount ?? 0;
  const { judgeCalls } = callEstimate(values, itemCount);

  function submit() {
    const { body, errors: found } = buildRequestBody(values);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    start.mutate(sourceId ? changedFields(buildRequestBody(initial).body, body) : body, {
      onSuccess: (started) => {
        toast({ title: started.reusedCells > 0 ? `Started: ${started.reusedCells} cells reused` : 'Experiment started', variant: 'success' });
        onDone();
        router.push(`/experiments/${started.id}`);
      },
    });
  }

  const number = (field: 'repeats' | 'concurrency' | 'budgetUsd', label: string, testid: string, hint?: string) => (
    <div className="grid gap-1.5">
      <Label htmlFor={`experiment-${field}`}>{label}</Label>
      <Input id={`experiment-${field}`} value={values[field]} onChange={(e) => set({ [field]: e.target.value })} inputMode="decimal" placeholder={hint} data-testid={testid} {...fieldAria(`experiment-${field}-error`, errors[field])} />
      <FieldMessage id={`experiment-${field}-error`} message={errors[field]} />
    </div>
  );

  return (
    <form
      className="grid gap-4"
      noValidate
      data-testid="experiment-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {server.form ? (
        <Alert variant="destructive">
          <AlertDescription data-testid="experiment-form-error">{server.form}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-1.5">
        <Label htmlFor="experiment-dataset">Dataset</Label>
        <div className="flex gap-2">
          <Input value={datasetQuery} onChange={(e) => setDatasetQuery(e.target.value)} placeholder="Search" aria-label="Search datasets" className="max-w-40" />
          <NativeSelect
            id="experiment-dataset"
            value={values.datasetId}
            onChange={(e) => set({ datasetId: e.target.value })}
            data-testid="experiment-dataset"
            {...fieldAria('experiment-dataset-error', errors.datasetId)}
          >
            <option value="">{datasets.isPending ? 'Loading datasets…' : options.length === 0 ? 'No datasets yet' : 'Pick a dataset'}</option>
            {options.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.itemCount.toLocaleString('en-US')} items)
              </option>
            ))}
            {values.datasetId && !dataset ? <option value={values.datasetId}>The original dataset</option> : null}
          </NativeSelect>
        </div>
        <FieldMessage id="experiment-dataset-error" message={errors.datasetId} />
        <p className="text-xs text-muted-foreground">
          <Link href="/datasets" className="underline underline-offset-2">
            Create or import a dataset
          </Link>
        </p>
      </div>
      <VariantRows variants={values.variants} promptId={promptId} errors={errors} onChange={(variants) => setRows({ variants })} />
      <EvaluatorRows evaluators={values.evaluators} errors={errors} onChange={(evaluators) => setRows({ evaluators })} />
      <div className="grid grid-cols-3 gap-2">
        {number('repeats', 'Repeats', 'experiment-repeats', '1')}
        {number('concurrency', 'Concurrency', 'experiment-concurrency', '10')}
        {number('budgetUsd', 'Budget (USD)', 'experiment-budget', 'none')}
      </div>
      <div className="grid gap-1.5 sm:grid-cols-2">
        <div className="grid gap-1.5">
          <Label htmlFor="experiment-name">Name</Label>
          <Input id="experiment-name" value={values.name} onChange={(e) => set({ name: e.target.value })} maxLength={200} placeholder="optional" {...fieldAria('experiment-name-error', errors.name)} />
          <FieldMessage id="experiment-name-error" message={errors.name} />
        </div>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" checked={values.cache} onChange={(e) => set({ cache: e.target.checked })} data-testid="experiment-cache" />
          Reuse cached outputs
        </label>
      </div>
      <p className="text-sm" data-testid="experiment-cell-count" aria-live="polite">
        {dataset ? cellSummary(values, itemCount) : 'Pick a dataset to count the cells'}
        {dataset && judgeCalls > 0 ? <span className="text-muted-foreground"> · up to {judgeCalls.toLocaleString('en-US')} judge calls</span> : null}
        {dataset && values.budgetUsd.trim() ? <span className="text-muted-foreground"> · stops at ${values.budgetUsd.trim()}</span> : null}
      </p>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={start.isPending} data-testid="experiment-start" data-primary>
          {start.isPending ? <Spinner /> : null}
          {sourceId ? 'Re-run' : 'Start'}
        </Button>
      </DialogFooter>
    </form>
  );
}
