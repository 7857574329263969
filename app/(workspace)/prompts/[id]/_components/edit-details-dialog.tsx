'use client';

import { useState } from 'react';
import { useUpdatePrompt } from '@/components/prompts/use-prompt';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toaster';
import { formErrors, type FormErrors } from '@/lib/client/field-errors';
import type { Prompt, UpdatePromptBody } from '@/lib/client/types';

type Props = {
  prompt: Prompt;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

type Details = { title: string; slug: string; description: string; tags: string };

const parseTags = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

const detailsOf = (prompt: Prompt): Details => ({ title: prompt.title, slug: prompt.slug, description: prompt.description, tags: prompt.tags.join(', ') });

/** Only changed fields: an untouched slug can't collide, and an unchanged form sends nothing. */
function changes(prompt: Prompt, details: Details): UpdatePromptBody {
  const patch: UpdatePromptBody = {};
  if (details.title !== prompt.title) patch.title = details.title;
  if (details.slug !== prompt.slug) patch.slug = details.slug;
  if (details.description !== prompt.description) patch.description = details.description;
  const tags = parseTags(details.tags);
  if (tags.join(',') !== prompt.tags.join(',')) patch.tags = tags;
  return patch;
}

/**
 * Title, slug, description and tags. Saving closes the dialog at once and the header shows the new details;
 * if the server refuses them, they roll back and the dialog reopens with what was typed and the errors.
 */
export function EditDetailsDialog({ prompt, open, onOpenChange }: Props) {
  const update = useUpdatePrompt(prompt.id);
  // What the user typed in a save that failed, to edit again; otherwise the form starts from the prompt.
  const [attempt, setAttempt] = useState<Details | null>(null);
  const refused = update.isError && attempt !== null;

  function close(next: boolean) {
    if (!next) {
      update.reset();
      setAttempt(null);
    }
    onOpenChange(next);
  }

  function save(details: Details) {
    const patch = changes(prompt, details);
    if (Object.keys(patch).length === 0) return close(false);
    setAttempt(details);
    onOpenChange(false);
    update.mutate(patch, {
      onSuccess: () => {
        setAttempt(null);
        toast({ title: 'Details saved', variant: 'success' });
      },
      onError: () => onOpenChange(true),
    });
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Edit details</DialogTitle>
          <DialogDescription>Details describe the prompt; changing them does not create a version.</DialogDescription>
        </DialogHeader>
        {/* Mounted per open, so the fields start from the prompt's current details (or the refused ones). */}
        <DetailsForm
          initial={refused && attempt ? attempt : detailsOf(prompt)}
          errors={formErrors(refused ? update.error : null, ['title', 'slug', 'description', 'tags'])}
          onCancel={() => close(false)}
          onSave={save}
        />
      </DialogContent>
    </Dialog>
  );
}

type FormProps = { initial: Details; errors: FormErrors; onCancel: () => void; onSave: (details: Details) => void };

function DetailsForm({ initial, errors, onCancel, onSave }: FormProps) {
  const [details, setDetails] = useState(initial);
  const set = (patch: Partial<Details>) => setDetails((prev) => ({ ...prev, ...patch }));
  const aria = (field: keyof Details, hint?: string) => fieldAria(`details-${field}-error`, errors.fields[field], hint);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSave(details);
      }}
      className="grid gap-4"
      data-testid="edit-details-form"
      noValidate
    >
      {errors.form ? (
        <Alert variant="destructive">
          <AlertDescription data-testid="edit-details-error">{errors.form}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-2">
        <Label htmlFor="details-title">Title</Label>
        <Input id="details-title" value={details.title} onChange={(e) => set({ title: e.target.value })} maxLength={200} autoFocus {...aria('title')} />
        <FieldMessage id="details-title-error" message={errors.fields.title} />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="details-slug">Slug</Label>
        <Input
          id="details-slug"
          value={details.slug}
          onChange={(e) => set({ slug: e.target.value })}
          maxLength={80}
          className="font-mono"
          {...aria('slug', 'details-slug-hint')}
        />
        <FieldMessage id="details-slug-error" message={errors.fields.slug} />
        <p id="details-slug-hint" className="text-xs text-muted-foreground">
          Lowercase letters, digits and dashes. API clients can fetch the prompt by its slug.
        </p>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="details-description">Description</Label>
        <Textarea
          id="details-description"
          value={details.description}
          onChange={(e) => set({ description: e.target.value })}
          maxLength={2000}
          rows={3}
          {...aria('description')}
        />
        <FieldMessage id="details-description-error" message={errors.fields.description} />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="details-tags">Tags</Label>
        <Input
          id="details-tags"
          value={details.tags}
          onChange={(e) => set({ tags: e.target.value })}
          placeholder="support, email"
          {...aria('tags', 'details-tags-hint')}
        />
        <FieldMessage id="details-tags-error" message={errors.fields.tags} />
        <p id="details-tags-hint" className="text-xs text-muted-foreground">
          Comma separated.
        </p>
      </div>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" data-testid="save-details">
          Save details
        </Button>
      </DialogFooter>
    </form>
  );
}
