'use client';

import { useState } from 'react';
import { Trash2Icon } from 'lucide-react';
import { useDeleteInputSet, useSaveInputSet } from '@/components/prompts/use-input-sets';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import { formErrors } from '@/lib/client/field-errors';
import type { InputSet } from '@/lib/client/types';
import { MAX_INPUT_SET_NAME } from '@/lib/prompts/input-set-schema';
import type { DraftValues } from './draft-content';
import { valuesForSet } from './input-set-values';

type Props = {
  promptId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  values: DraftValues;
  /** The prompt's variables now: only their values are saved. */
  variables?: readonly string[];
  sets: InputSet[];
  /** The menu item that opened the dialog is gone by the time it closes: focus goes back to the menu's button. */
  returnFocus: () => void;
};

export function InputSetsDialog({ promptId, open, onOpenChange, values, variables, sets, returnFocus }: Props) {
  const [name, setName] = useState('');
  const save = useSaveInputSet(promptId);
  const remove = useDeleteInputSet(promptId);
  const errors = formErrors(save.error, ['name', 'values']);
  const replacing = sets.some((s) => s.name === name.trim());
  const kept = valuesForSet(values, variables);

  function submit() {
    const trimmed = name.trim();
    if (!trimmed) return;
    save.mutate(
      { name: trimmed, values: kept },
      {
        onSuccess: (set) => {
          setName('');
          toast({ id: 'input-set', title: `Saved the values as “${set.name}”`, variant: 'success' });
        },
      },
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) save.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent
        className="sm:max-w-md"
        data-testid="input-sets-dialog"
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          returnFocus();
        }}
      >
        <DialogHeader>
          <DialogTitle>Input sets</DialogTitle>
          <DialogDescription>Named variable values of this prompt, to run the same cases again in one click.</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Label htmlFor="input-set-name">Save the current values ({Object.keys(kept).length}) as</Label>
          <div className="flex gap-2">
            <Input
              id="input-set-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={MAX_INPUT_SET_NAME}
              placeholder="e.g. Long review, angry customer"
              autoComplete="off"
              data-testid="input-set-name"
              {...fieldAria('input-set-name-error', errors.fields.name, replacing ? 'input-set-name-hint' : undefined)}
            />
            <Button type="submit" disabled={!name.trim() || save.isPending} data-testid="input-set-save">
              {save.isPending ? <Spinner label="Saving" /> : null}
              {replacing ? 'Replace' : 'Save'}
            </Button>
          </div>
          {replacing ? (
            <p id="input-set-name-hint" className="text-xs text-muted-foreground">
              A set with this name exists: saving replaces its values.
            </p>
          ) : null}
          <FieldMessage id="input-set-name-error" message={errors.fields.name ?? errors.fields.values} />
          {errors.form ? (
            <Alert variant="destructive">
              <AlertDescription>{errors.form}</AlertDescription>
            </Alert>
          ) : null}
        </form>
        <div className="grid gap-2">
          <h3 className="text-sm font-medium">Saved sets ({sets.length})</h3>
          {sets.length === 0 ? <p className="text-sm text-muted-foreground">None yet.</p> : null}
          <ul className="grid max-h-64 gap-1 overflow-y-auto">
            {sets.map((set) => (
              <li key={set.id} className="flex items-center justify-between gap-2 rounded-md border px-3 py-1.5 text-sm">
                <span className="min-w-0 truncate" title={set.name}>
                  {set.name}{' '}
                  <span className="text-xs text-muted-foreground">({Object.keys(set.values).length} values)</span>
                </span>
                <Button
                  variant="ghost"
                  size="icon-sm"
                  aria-label={`Delete “${set.name}”`}
                  onClick={() =>
                    remove.mutate(set.id, {
                      onError: (error) => toast({ id: 'input-set', title: `Could not delete “${set.name}”`, description: errorMessage(error), variant: 'error' }),
                    })
                  }
                  data-testid={`input-set-delete-${set.name}`}
                >
                  <Trash2Icon aria-hidden="true" />
                </Button>
              </li>
            ))}
          </ul>
        </div>
      </DialogContent>
    </Dialog>
  );
}
