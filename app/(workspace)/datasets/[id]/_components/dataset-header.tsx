'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Download, FileUp, Trash2 } from 'lucide-react';
import { exportHref, useDeleteDataset, useUpdateDataset } from '@/components/datasets/use-datasets';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import type { DatasetDetail } from '@/lib/client/dataset-types';
import { plainMessage } from '@/lib/client/field-errors';
import { formatAbsolute, formatCount, formatRelative, useNow } from '@/lib/client/format';
import { MAX_DATASET_DESCRIPTION, MAX_DATASET_NAME } from '@/lib/datasets/schemas';

/** Name and description edited in place, the item count, export links, import and delete. */
export function DatasetHeader({ dataset, onImport }: { dataset: DatasetDetail; onImport: () => void }) {
  const router = useRouter();
  const update = useUpdateDataset(dataset.id);
  const remove = useDeleteDataset();
  const [renaming, setRenaming] = useState(false);
  const [describing, setDescribing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const now = useNow();

  function save(body: { name?: string; description?: string }, close: () => void) {
    const changed = (body.name !== undefined && body.name.trim() !== dataset.name) || (body.description !== undefined && body.description !== dataset.description);
    if (!changed) return close();
    if (body.name !== undefined && !body.name.trim()) return close();
    update.mutate(body, {
      onSuccess: close,
      onError: (error) => toast({ title: 'Could not save', description: plainMessage(errorMessage(error)), variant: 'error' }),
    });
  }

  return (
    <header className="flex flex-wrap items-start justify-between gap-4">
      <div className="grid min-w-0 flex-1 basis-80 gap-1.5">
        {renaming ? (
          <Input
            autoFocus
            defaultValue={dataset.name}
            maxLength={MAX_DATASET_NAME}
            aria-label="Dataset name"
            className="h-10 max-w-xl text-xl font-semibold md:text-xl"
            onKeyDown={(e) => {
              if (e.key === 'Enter') save({ name: e.currentTarget.value }, () => setRenaming(false));
              if (e.key === 'Escape') { e.preventDefault(); setRenaming(false); }
            }}
            onBlur={(e) => save({ name: e.currentTarget.value }, () => setRenaming(false))}
            data-testid="dataset-name-input"
          />
        ) : (
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight">
            <button
              type="button"
              onClick={() => setRenaming(true)}
              title="Rename"
              className="max-w-full truncate rounded-md text-left hover:bg-accent/60 focus-visible:outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
              data-testid="dataset-name"
            >
              {dataset.name}
            </button>
          </h1>
        )}
        {describing ? (
          <Textarea
            autoFocus
            defaultValue={dataset.description}
            maxLength={MAX_DATASET_DESCRIPTION}
            rows={2}
            aria-label="Description"
            className="max-w-2xl text-sm"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); save({ description: e.currentTarget.value }, () => setDescribing(false)); }
              if (e.key === 'Escape') { e.preventDefault(); setDescribing(false); }
            }}
            onBlur={(e) => save({ description: e.currentTarget.value }, () => setDescribing(false))}
            data-testid="dataset-description-input"
          />
        ) : (
          <button
            type="button"
            onClick={() => setDescribing(true)}
            className="max-w-2xl rounded-md text-left text-sm text-muted-foreground hover:bg-accent/60 focus-visible:outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
            data-testid="dataset-description"
          >
            {dataset.description || <span className="italic">Add a description…</span>}
          </button>
        )}
        <p className="text-xs text-muted-foreground">
          <span className="font-mono tabular-nums" data-testid="dataset-count">{formatCount(dataset.itemCount)}</span> {dataset.itemCount === 1 ? 'item' : 'items'}
          {dataset.variables.length > 0 && <> · variables <span className="font-mono">{dataset.variables.join(', ')}</span></>}
          {' · '}updated <time dateTime={dataset.updatedAt} title={formatAbsolute(dataset.updatedAt)}>{formatRelative(dataset.updatedAt, now)}</time>
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="outline" size="sm" onClick={onImport} data-testid="dataset-import">
          <FileUp aria-hidden /> Import
        </Button>
        <Button variant="outline" size="sm" asChild>
          <a href={exportHref(dataset.id, 'csv')} download data-testid="export-csv"><Download aria-hidden /> CSV</a>
        </Button>
        <Button variant="outline" size="sm" asChild>
          <a href={exportHref(dataset.id, 'jsonl')} download data-testid="export-jsonl"><Download aria-hidden /> JSONL</a>
        </Button>
        <Button variant="outline" size="sm" onClick={() => setConfirming(true)} className="text-destructive hover:text-destructive" data-testid="delete-dataset">
          <Trash2 aria-hidden /> Delete
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${dataset.name}?`}
        description={`Its ${formatCount(dataset.itemCount)} items go for good. Experiments that used it keep their own copy of the items.`}
        confirmLabel="Delete dataset"
        confirmTestId="delete-dataset-confirm"
        destructive
        pending={remove.isPending}
        error={remove.error ? plainMessage(errorMessage(remove.error)) : null}
        onConfirm={() =>
          remove.mutate(dataset.id, {
            onSuccess: () => {
              toast({ title: `Deleted ${dataset.name}`, variant: 'success' });
              router.push('/datasets');
            },
          })
        }
      />
    </header>
  );
}
