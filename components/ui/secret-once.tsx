'use client';

import { useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { DialogFooter } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';

type Props = {
  secret: string;
  /** The copy button's accessible name ("Copy key"). */
  copyLabel: string;
  testId: string;
  doneTestId: string;
  onDone: () => void;
};

/** A secret the server shows only once: read-only, selected on focus, with a copy button and Done. */
export function SecretOnce({ secret, copyLabel, testId, doneTestId, onDone }: Props) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4">
      <div className="flex gap-2">
        <Input readOnly value={secret} className="font-mono text-xs" data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        <Button
          variant="outline"
          size="icon"
          aria-label={copyLabel}
          onClick={async () => {
            await navigator.clipboard?.writeText(secret).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
        </Button>
      </div>
      <DialogFooter>
        <Button onClick={onDone} data-testid={doneTestId}>Done</Button>
      </DialogFooter>
    </div>
  );
}
