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
import { WEBHOOK_EVENTS, type WebhookEvent } from '@/lib/webhooks/events';
import { useCreateWebhook } from './use-webhooks';

type Props = { open: boolean; onOpenChange: (open: boolean) => void };

export const EVENT_HELP: Record<WebhookEvent, string> = {
  'version.created': 'A prompt gets a new version (saved, restored or created)',
  'label.moved': 'A label such as production is deployed, rolled back or deleted',
  'experiment.completed': 'An experiment finishes or is canceled',
};

export function CreateWebhookDialog({ open, onOpenChange }: Props) {
  const create = useCreateWebhook();
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const secret = create.data?.secret ?? null;
  const server = formErrors(create.error, ['url', 'events', 'description']);
  const errors = { form: server.form, fields: { ...server.fields, ...localErrors } };

  function close(next: boolean) {
    if (!next) {
      create.reset();
      setLocalErrors({});
      setEvents([...WEBHOOK_EVENTS]);
    }
    onOpenChange(next);
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{secret ? 'Copy the signing secret' : 'New webhook'}</DialogTitle>
          <DialogDescription>
            {secret
              ? 'This is the only time the secret is shown. Your endpoint uses it to check the PromptLab-Signature header.'
              : 'PromptLab POSTs a signed JSON event to this URL when something happens in the workspace.'}
          </DialogDescription>
        </DialogHeader>
        {secret ? (
          <SecretOnce secret={secret} copyLabel="Copy secret" testId="webhook-secret" doneTestId="close-webhook-secret" onDone={() => close(false)} />
        ) : (
          <form
            noValidate
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              const url = String(form.get('url') ?? '').trim();
              const description = String(form.get('description') ?? '').trim();
              const problems: Record<string, string> = {};
              if (!url) problems.url = 'Required';
              if (events.length === 0) problems.events = 'Pick at least one event';
              setLocalErrors(problems);
              if (Object.keys(problems).length === 0) create.mutate({ url, events, ...(description ? { description } : {}) });
            }}
          >
            {errors.form && <Alert variant="destructive"><AlertDescription data-testid="webhook-form-error">{errors.form}</AlertDescription></Alert>}
            <div className="space-y-2">
              <Label htmlFor="webhook-url">Endpoint URL</Label>
              <Input
                id="webhook-url"
                name="url"
                type="url"
                inputMode="url"
                maxLength={2000}
                placeholder="https://example.com/hooks/promptlab"
                data-testid="webhook-url"
                {...fieldAria('webhook-url-error', errors.fields.url)}
              />
              <FieldMessage id="webhook-url-error" message={errors.fields.url} />
            </div>
            <fieldset className="space-y-2" {...fieldAria('webhook-events-error', errors.fields.events)}>
              <legend className="mb-2 text-sm font-medium">Events</legend>
              {WEBHOOK_EVENTS.map((name) => (
                <label key={name} className="flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 text-sm has-[:checked]:border-primary/50 has-[:checked]:bg-primary/5">
                  <input
                    type="checkbox"
                    className="mt-0.5 size-4 accent-primary"
                    checked={events.includes(name)}
                    data-testid={`webhook-event-${name}`}
                    onChange={(e) => setEvents((list) => (e.target.checked ? [...list, name] : list.filter((n) => n !== name)))}
                  />
                  <span className="min-w-0">
                    <code className="font-mono text-xs">{name}</code>
                    <span className="block text-xs text-muted-foreground">{EVENT_HELP[name]}</span>
                  </span>
                </label>
              ))}
              <FieldMessage id="webhook-events-error" message={errors.fields.events} />
            </fieldset>
            <div className="space-y-2">
              <Label htmlFor="webhook-description">Description <span className="font-normal text-muted-foreground">(optional)</span></Label>
              <Input id="webhook-description" name="description" maxLength={500} placeholder="Deploy notifier" {...fieldAria('webhook-description-error', errors.fields.description)} />
              <FieldMessage id="webhook-description-error" message={errors.fields.description} />
            </div>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => close(false)}>Cancel</Button>
              <Button type="submit" disabled={create.isPending} data-testid="submit-webhook">{create.isPending && <Spinner />} Create webhook</Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
