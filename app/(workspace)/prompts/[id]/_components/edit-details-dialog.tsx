'use client';

import { useState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { Textarea } from '@/components/ui/textarea';
import { apiFetch } from '@/lib/client/api';
import type { Prompt } from '@/lib/client/types';
import { promptPath } from './use-prompt-data';

type Props = {
  prompt: Prompt;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (prompt: Prompt) => void;
};

const parseTags = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

export function EditDetailsDialog({ prompt, open, onOpenChange, onSaved }: Props) {
  const [saving, setSaving] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(next) => !saving && onOpenChange(next)}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Edit details</DialogTitle>
          <DialogDescription>Details describe the prompt; changing them does not create a version.</DialogDescription>
        </DialogHeader>
        {/* Mounted per open, so the fields start from the prompt's current details. */}
        <DetailsForm prompt={prompt} saving={saving} setSaving={setSaving} onCancel={() => onOpenChange(false)} onSaved={onSaved} />
      </DialogContent>
    </Dialog>
  );
}

type FormProps = {
  prompt: Prompt;
  saving: boolean;
  setSaving: (saving: boolean) => void;
  onCancel: () => void;
  onSaved: (prompt: Prompt) => void;
};

function DetailsForm({ prompt, saving, setSaving, onCancel, onSaved }: FormProps) {
  const [title, setTitle] = useState(prompt.title);
  const [slug, setSlug] = useState(prompt.slug);
  const [description, setDescription] = useState(prompt.description);
  const [tags, setTags] = useState(prompt.tags.join(', '));
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Only changed fields: an untouched slug can't collide, and an empty PATCH is skipped entirely.
    const patch: Record<string, unknown> = {};
    if (title !== prompt.title) patch.title = title;
    if (slug !== prompt.slug) patch.slug = slug;
    if (description !== prompt.description) patch.description = description;
    const nextTags = parseTags(tags);
    if (nextTags.join(',') !== prompt.tags.join(',')) patch.tags = nextTags;
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const updated = await apiFetch<Prompt>(promptPath(prompt.id), { method: 'PATCH', body: patch });
      setSaving(false);
      onSaved(updated);
    } catch (e) {
      setSaving(false);
      setError((e as Error).message);
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-4" data-testid="edit-details-form" noValidate>
      {error ? (
        <Alert variant="destructive">
          <AlertDescription data-testid="edit-details-error">{error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-2">
        <Label htmlFor="details-title">Title</Label>
        <Input id="details-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} autoFocus />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="details-slug">Slug</Label>
        <Input
          id="details-slug"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          maxLength={80}
          className="font-mono"
          aria-describedby="details-slug-hint"
        />
        <p id="details-slug-hint" className="text-xs text-muted-foreground">
          Lowercase letters, digits and dashes. API clients can fetch the prompt by its slug.
        </p>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="details-description">Description</Label>
        <Textarea
          id="details-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={2000}
          rows={3}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="details-tags">Tags</Label>
        <Input
          id="details-tags"
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          placeholder="support, email"
          aria-describedby="details-tags-hint"
        />
        <p id="details-tags-hint" className="text-xs text-muted-foreground">
          Comma separated.
        </p>
      </div>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
        <Button type="submit" disabled={saving} data-testid="save-details">
          {saving ? <Spinner label="Saving" /> : null}
          Save details
        </Button>
      </DialogFooter>
    </form>
  );
}
