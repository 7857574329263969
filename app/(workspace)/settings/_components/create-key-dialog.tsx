'use client';

import { useState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { SecretOnce } from '@/components/ui/secret-once';
import { Spinner } from '@/components/ui/spinner';
import { formErrors } from '@/lib/client/field-errors';
import { useCreateApiKey } from './use-api-keys';

type Props = { open: boolean; onOpenChange: (open: boolean) => void };

export function CreateKeyDialog({ open, onOpenChange }: Props) {
  const create = useCreateApiKey();
  const secret = create.data?.key ?? null;
  // Checked here first (the server says the same): an empty name never leaves the browser.
  const [nameError, setNameError] = useState<string | null>(null);
  const serverErrors = formErrors(create.error, ['name']);
  const errors = { form: serverErrors.form, fields: { name: nameError ?? serverErrors.fields.name } };

  function close(next: boolean) {
    if (!next) {
      create.reset();
      setNameError(null);
    }
    onOpenChange(next);
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{secret ? 'Copy your new key' : 'New API key'}</DialogTitle>
          <DialogDescription>
            {secret ? 'This is the only time the key is shown. Store it somewhere safe.' : 'Name it after where it will be used.'}
          </DialogDescription>
        </DialogHeader>
        {secret ? (
          <SecretOnce secret={secret} copyLabel="Copy key" testId="new-api-key" doneTestId="close-new-key" onDone={() => close(false)} />
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
              setNameError(name ? null : 'Required');
              if (name) create.mutate(name);
            }}
            className="space-y-4"
            noValidate
          >
            {errors.form && <Alert variant="destructive"><AlertDescription data-testid="api-key-form-error">{errors.form}</AlertDescription></Alert>}
            <div className="space-y-2">
              <Label htmlFor="key-name">Name</Label>
              <Input
                id="key-name"
                name="name"
                required
                maxLength={100}
                placeholder="CI pipeline"
                data-testid="api-key-name"
                {...fieldAria('key-name-error', errors.fields.name)}
              />
              <FieldMessage id="key-name-error" message={errors.fields.name} />
            </div>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => close(false)}>Cancel</Button>
              <Button type="submit" disabled={create.isPending} data-testid="submit-api-key">{create.isPending && <Spinner />} Create key</Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
