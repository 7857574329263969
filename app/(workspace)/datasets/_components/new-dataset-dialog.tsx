'use client';

import { useRouter } from 'next/navigation';
import { useCreateDataset } from '@/components/datasets/use-datasets';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { Textarea } from '@/components/ui/textarea';
import { MAX_DATASET_DESCRIPTION, MAX_DATASET_NAME } from '@/lib/datasets/schemas';
import { formErrors } from '@/lib/client/field-errors';

export function NewDatasetDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const create = useCreateDataset();
  const errors = formErrors(create.error, ['name', 'description']);
  const busy = create.isPending || create.isSuccess;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get('description') ?? '').trim();
    create.mutate(
      { name: String(form.get('name') ?? ''), ...(description ? { description } : {}) },
      { onSuccess: (dataset) => router.push(`/datasets/${dataset.id}`) },
    );
  }

  return (
    <Dialog open={open} onOpenChange={(next) => { if (!next) create.reset(); onOpenChange(next); }}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>New dataset</DialogTitle>
          <DialogDescription>A set of test cases: each item holds variable values and, optionally, the expected output.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="space-y-4" data-testid="new-dataset-form" noValidate>
          {errors.form && (
            <Alert variant="destructive">
              <AlertDescription data-testid="new-dataset-error">{errors.form}</AlertDescription>
            </Alert>
          )}
          <div className="space-y-2">
            <Label htmlFor="dataset-name">Name</Label>
            <Input id="dataset-name" name="name" required maxLength={MAX_DATASET_NAME} placeholder="Support tickets" autoFocus data-testid="new-dataset-name" {...fieldAria('dataset-name-error', errors.fields.name)} />
            <FieldMessage id="dataset-name-error" message={errors.fields.name} />
          </div>
          <div className="space-y-2">
            <Label htmlFor="dataset-description">Description <span className="font-normal text-muted-foreground">(optional)</span></Label>
            <Textarea id="dataset-description" name="description" rows={3} maxLength={MAX_DATASET_DESCRIPTION} placeholder="What these cases cover" data-testid="new-dataset-description" {...fieldAria('dataset-description-error', errors.fields.description)} />
            <FieldMessage id="dataset-description-error" message={errors.fields.description} />
          </div>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" disabled={busy} data-testid="create-dataset">
              {busy && <Spinner />} Create dataset
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
