'use client';

import { useMemo, useState } from 'react';
import { DatabaseIcon } from 'lucide-react';
import { useAddItems, useCreateDataset, useDatasets } from '@/components/datasets/use-datasets';
import { NativeSelect } from '@/components/prompts/native-select';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import { plainMessage } from '@/lib/client/field-errors';
import { formatCount } from '@/lib/client/format';
import { pageItems } from '@/lib/client/pages';
import type { Dataset } from '@/lib/client/dataset-types';
import type { Run } from '@/lib/client/types';
import { MAX_DATASET_NAME } from '@/lib/datasets/schemas';

const NEW = '__new__';

/** "Add to dataset": the run's variables become an item's input and its output the expected value. */
export function AddToDatasetDialog({ run, disabled }: { run: Run; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" disabled={disabled} data-testid="add-to-dataset">
          <DatabaseIcon aria-hidden="true" />
          Add to dataset
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md" data-testid="add-to-dataset-dialog">
        <DialogHeader>
          <DialogTitle>Add this run to a dataset</DialogTitle>
          <DialogDescription>Its variables become a new item&apos;s input, and its output the expected value.</DialogDescription>
        </DialogHeader>
        {open ? <AddToDatasetForm run={run} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function AddToDatasetForm({ run, onDone }: { run: Run; onDone: () => void }) {
  const list = useDatasets('');
  const datasets = useMemo(() => pageItems(list.data), [list.data]);
  const [choice, setChoice] = useState<string | null>(null);
  const [name, setName] = useState(run.promptTitle ? `${run.promptTitle} cases` : 'New dataset');
  const create = useCreateDataset();
  // A dataset made here whose add then failed: a retry adds to it instead of making a second one.
  const [created, setCreated] = useState<Dataset | null>(null);
  const add = useAddItems();
  // The first dataset (most recently updated) until the user picks; a new one when there are none.
  const selected = choice ?? (list.isSuccess ? (datasets[0]?.id ?? NEW) : '');
  const pending = create.isPending || add.isPending;
  const error = create.error ?? add.error;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!selected || pending) return;
    try {
      let dataset = selected === NEW ? created : datasets.find((d) => d.id === selected);
      if (!dataset && selected === NEW) {
        dataset = await create.mutateAsync({ name: name.trim() });
        setCreated(dataset);
      }
      if (!dataset) return;
      await add.mutateAsync({ datasetId: dataset.id, body: { runId: run.id } });
      toast({ id: `add-to-dataset:${run.id}`, title: `Added to ${dataset.name}`, variant: 'success', link: { label: 'Open the dataset', href: `/datasets/${dataset.id}` }, duration: 6000 });
      onDone();
    } catch {
      // Shown below from the mutation's error.
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <div className="grid gap-2">
        <Label htmlFor="add-to-dataset-select">Dataset</Label>
        <NativeSelect
          id="add-to-dataset-select"
          value={selected}
          disabled={list.isPending}
          onChange={(e) => setChoice(e.target.value)}
          data-testid="add-to-dataset-select"
        >
          {list.isPending && <option value="">Loading datasets…</option>}
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({formatCount(d.itemCount)} {d.itemCount === 1 ? 'item' : 'items'})
            </option>
          ))}
          <option value={NEW}>New dataset…</option>
        </NativeSelect>
        {list.isError && <p className="text-xs text-destructive">Could not load datasets: {errorMessage(list.error)}</p>}
      </div>
      {selected === NEW && (
        <div className="grid gap-2">
          <Label htmlFor="add-to-dataset-name">Name of the new dataset</Label>
          <Input id="add-to-dataset-name" value={name} maxLength={MAX_DATASET_NAME} onChange={(e) => setName(e.target.value)} autoFocus data-testid="add-to-dataset-name" />
        </div>
      )}
      {error ? (
        <Alert variant="destructive">
          <AlertDescription data-testid="add-to-dataset-error">{plainMessage(errorMessage(error))}</AlertDescription>
        </Alert>
      ) : null}
      <DialogFooter>
        <Button type="button" variant="ghost" onClick={onDone}>Cancel</Button>
        <Button type="submit" disabled={!selected || pending || (selected === NEW && !name.trim())} data-testid="add-to-dataset-submit">
          {pending && <Spinner />} Add to dataset
        </Button>
      </DialogFooter>
    </form>
  );
}
