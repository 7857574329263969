'use client';

import { useMemo, useState, useSyncExternalStore } from 'react';
import Link from 'next/link';
import { CheckIcon, CopyIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { buildRunSnippets } from '@/lib/snippets/get-code';
import { cn } from '@/lib/utils';
import type { VariableDef } from '@/lib/client/types';
import type { RunDraft } from './draft';
import type { DraftValues } from './draft-content';
import { buildVariables } from './run-variables';

/** What the snippets run: a saved version (null = the current one), or the unsaved draft. */
export type CodeTarget = { versionNumber: number | null; runDraft: RunDraft | null; values: DraftValues };

type Props = CodeTarget & {
  promptId: string;
  /** The variables of what runs, to send each value as its type (numbers as numbers). */
  defs: VariableDef[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

const TABS = [
  { id: 'curl', label: 'curl' },
  { id: 'typescript', label: 'TypeScript' },
] as const;
type Tab = (typeof TABS)[number]['id'];

const noSubscribe = () => () => {};


/** How to run this prompt through the API, with what the editor shows (curl and TypeScript, copyable). */
export function GetCodeDialog({ promptId, defs, versionNumber, runDraft, values, open, onOpenChange }: Props) {
  const [tab, setTab] = useState<Tab>('curl');
  const [copied, setCopied] = useState<Tab | null>(null);
  const appUrl = useSyncExternalStore(noSubscribe, () => window.location.origin, () => '');
  const snippets = useMemo(
    () =>
      open
        ? buildRunSnippets({ appUrl, promptId, versionNumber: runDraft ? null : versionNumber, variables: buildVariables(defs, values).variables, ...(runDraft ? { draft: runDraft } : {}) })
        : null,
    [open, appUrl, promptId, defs, versionNumber, runDraft, values],
  );
  const code = snippets?.[tab] ?? '';

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(tab);
      setTimeout(() => setCopied(null), 2000);
    } catch {
      setCopied(null);
    }
  }

  const what = runDraft ? 'your unsaved draft' : versionNumber === null ? 'the current version' : `version ${versionNumber}`;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        className="sm:max-w-3xl"
        data-testid="get-code-dialog"
        onOpenAutoFocus={(event) => {
          // The language tabs, not the Settings link that comes first in the text.
          event.preventDefault();
          document.getElementById(`get-code-tab-${tab}`)?.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>Run this prompt from code</DialogTitle>
          <DialogDescription>
            Runs {what} with the values in the run panel. Create a key under{' '}
            <Link href="/settings" className="underline underline-offset-2">
              Settings
            </Link>{' '}
            and export it as <span className="font-mono">PROMPTLAB_API_KEY</span>.
          </DialogDescription>
        </DialogHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div role="tablist" aria-label="Language" className="inline-flex rounded-lg border bg-muted p-0.5">
            {TABS.map(({ id, label }) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`get-code-tab-${id}`}
                aria-selected={tab === id}
                aria-controls="get-code-panel"
                tabIndex={tab === id ? 0 : -1}
                onClick={() => setTab(id)}
                onKeyDown={(e) => {
                  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
                  const next = TABS[(TABS.findIndex((t) => t.id === id) + 1) % TABS.length]!.id;
                  setTab(next);
                  document.getElementById(`get-code-tab-${next}`)?.focus();
                }}
                className={cn(
                  'rounded-md px-3 py-1 text-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50',
                  tab === id ? 'bg-background text-foreground shadow-xs' : 'text-muted-foreground hover:text-foreground',
                )}
                data-testid={`get-code-tab-${id}`}
              >
                {label}
              </button>
            ))}
          </div>
          <Button variant="outline" size="sm" onClick={() => void copy()} data-testid="get-code-copy">
            {copied === tab ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
            {copied === tab ? 'Copied' : 'Copy'}
          </Button>
        </div>
        <pre
          id="get-code-panel"
          role="tabpanel"
          aria-labelledby={`get-code-tab-${tab}`}
          tabIndex={0}
          className="max-h-[55dvh] overflow-auto rounded-lg border bg-muted/50 p-3 font-mono text-xs leading-5 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          data-testid="get-code-snippet"
        >
          {code}
        </pre>
        <span role="status" className="sr-only">
          {copied ? 'Copied to the clipboard' : ''}
        </span>
      </DialogContent>
    </Dialog>
  );
}
