'use client';

import { useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { apiFetch } from '@/lib/client/api';

type Props = { open: boolean; onOpenChange: (open: boolean) => void; onCreated: () => void };

export function CreateKeyDialog({ open, onOpenChange, onCreated }: Props) {
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  function close(next: boolean) {
    if (!next) {
      setSecret(null);
      setError(null);
      setCopied(false);
    }
    onOpenChange(next);
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = String(new FormData(event.currentTarget).get('name') ?? '');
      const created = await apiFetch<{ key: string }>('/api/v1/api-keys', { method: 'POST', body: { name } });
      setSecret(created.key);
      onCreated();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
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
          <div className="space-y-4">
            <div className="flex gap-2">
              <Input readOnly value={secret} className="font-mono text-xs" data-testid="new-api-key" onFocus={(e) => e.currentTarget.select()} />
              <Button
                variant="outline"
                size="icon"
                aria-label="Copy key"
                onClick={async () => {
                  await navigator.clipboard?.writeText(secret).catch(() => undefined);
                  setCopied(true);
                }}
              >
                {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
              </Button>
            </div>
            <DialogFooter>
              <Button onClick={() => close(false)} data-testid="close-new-key">Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-4">
            {error && <Alert variant="destructive"><AlertDescription>{error}</AlertDescription></Alert>}
            <div className="space-y-2">
              <Label htmlFor="key-name">Name</Label>
              <Input id="key-name" name="name" required maxLength={100} placeholder="CI pipeline" autoFocus data-testid="api-key-name" />
            </div>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => close(false)}>Cancel</Button>
              <Button type="submit" disabled={busy} data-testid="submit-api-key">{busy && <Spinner />} Create key</Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
