'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { Textarea } from '@/components/ui/textarea';
import { apiFetch } from '@/lib/client/api';
import type { Prompt } from '@/lib/client/types';

const STARTER = 'Summarise the following text in {{ sentences }} sentences:\n\n{{ text }}';

export function NewPromptDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSaving(true);
    setError(null);
    try {
      const tags = String(form.get('tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
      const prompt = await apiFetch<Prompt>('/api/v1/prompts', {
        method: 'POST',
        body: { title: String(form.get('title') ?? ''), userPrompt: String(form.get('userPrompt') ?? ''), tags, notes: 'Created' },
      });
      router.push(`/prompts/${prompt.id}`);
    } catch (e) {
      setError((e as Error).message);
      setSaving(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(next) => { if (!next) setError(null); onOpenChange(next); }}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>New prompt</DialogTitle>
          <DialogDescription>Give it a title and a first template. You can change everything later; each save becomes a version.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="space-y-4" data-testid="new-prompt-form">
          {error && (
            <Alert variant="destructive">
              <AlertDescription data-testid="new-prompt-error">{error}</AlertDescription>
            </Alert>
          )}
          <div className="space-y-2">
            <Label htmlFor="new-title">Title</Label>
            <Input id="new-title" name="title" required maxLength={200} placeholder="Support reply" autoFocus data-testid="new-prompt-title" />
          </div>
          <div className="space-y-2">
            <Label htmlFor="new-template">User prompt</Label>
            <Textarea id="new-template" name="userPrompt" required rows={5} defaultValue={STARTER} className="font-mono text-sm" data-testid="new-prompt-template" />
            <p className="text-xs text-muted-foreground">Use {'{{ name }}'} for inputs; write \{'{{'} for literal braces.</p>
          </div>
          <div className="space-y-2">
            <Label htmlFor="new-tags">Tags</Label>
            <Input id="new-tags" name="tags" placeholder="support, email" data-testid="new-prompt-tags" />
          </div>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" disabled={saving} data-testid="create-prompt">
              {saving && <Spinner />} Create prompt
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
