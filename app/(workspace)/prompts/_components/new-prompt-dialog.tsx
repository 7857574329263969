'use client';

import { useRouter } from 'next/navigation';
import { useCreatePrompt } from '@/components/prompts/use-prompts';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { Textarea } from '@/components/ui/textarea';
import { formErrors } from '@/lib/client/field-errors';

const STARTER = 'Summarise the following text in {{ sentences }} sentences:\n\n{{ text }}';

export function NewPromptDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const create = useCreatePrompt();
  const errors = formErrors(create.error, ['title', 'userPrompt', 'tags']);
  // Stays busy after success too: the editor is loading.
  const busy = create.isPending || create.isSuccess;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const tags = String(form.get('tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    create.mutate(
      { title: String(form.get('title') ?? ''), userPrompt: String(form.get('userPrompt') ?? ''), tags, notes: 'Created' },
      { onSuccess: (prompt) => router.push(`/prompts/${prompt.id}`) },
    );
  }

  return (
    <Dialog open={open} onOpenChange={(next) => { if (!next) create.reset(); onOpenChange(next); }}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>New prompt</DialogTitle>
          <DialogDescription>Give it a title and a first template. You can change everything later; each save becomes a version.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="space-y-4" data-testid="new-prompt-form" noValidate>
          {errors.form && (
            <Alert variant="destructive">
              <AlertDescription data-testid="new-prompt-error">{errors.form}</AlertDescription>
            </Alert>
          )}
          <div className="space-y-2">
            <Label htmlFor="new-title">Title</Label>
            <Input
              id="new-title"
              name="title"
              required
              maxLength={200}
              placeholder="Support reply"
              autoFocus
              data-testid="new-prompt-title"
              {...fieldAria('new-title-error', errors.fields.title)}
            />
            <FieldMessage id="new-title-error" message={errors.fields.title} />
          </div>
          <div className="space-y-2">
            <Label htmlFor="new-template">User prompt</Label>
            <Textarea
              id="new-template"
              name="userPrompt"
              required
              rows={5}
              defaultValue={STARTER}
              className="font-mono text-sm"
              data-testid="new-prompt-template"
              {...fieldAria('new-template-error', errors.fields.userPrompt, 'new-template-hint')}
            />
            <FieldMessage id="new-template-error" message={errors.fields.userPrompt} />
            <p id="new-template-hint" className="text-xs text-muted-foreground">Use {'{{ name }}'} for inputs; write \{'{{'} for literal braces.</p>
          </div>
          <div className="space-y-2">
            <Label htmlFor="new-tags">Tags</Label>
            <Input id="new-tags" name="tags" placeholder="support, email" data-testid="new-prompt-tags" {...fieldAria('new-tags-error', errors.fields.tags)} />
            <FieldMessage id="new-tags-error" message={errors.fields.tags} />
          </div>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" disabled={busy} data-testid="create-prompt">
              {busy && <Spinner />} Create prompt
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
