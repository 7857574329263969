'use client';

import { useEffect, useState } from 'react';
import { ArrowLeftRightIcon, CircleCheckIcon } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { NativeSelect } from '@/components/prompts/native-select';
import { apiFetch } from '@/lib/client/api';
import type { Version } from '@/lib/client/types';
import type { VersionDiff } from '@/lib/diff/version-diff';
import { DiffSettings } from './diff-settings';
import { SideBySideDiff } from './side-by-side-diff';
import { promptPath } from './use-prompt-data';

export type CompareRange = { from: number; to: number };
type DiffResponse = VersionDiff & CompareRange;

type Props = {
  promptId: string;
  versions: Version[];
  open: boolean;
  /** Where the pickers start each time the dialog opens. */
  initial: CompareRange;
  onOpenChange: (open: boolean) => void;
};

export function DiffDialog({ promptId, versions, open, initial, onOpenChange }: Props) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-6xl" data-testid="diff-dialog">
        <DialogHeader>
          <DialogTitle>Compare versions</DialogTitle>
          <DialogDescription>Line changes in both templates, plus changed variables and model settings.</DialogDescription>
        </DialogHeader>
        {/* Content unmounts on close, so the pickers restart from `initial` on every open. */}
        <DiffBody promptId={promptId} versions={versions} initial={initial} />
      </DialogContent>
    </Dialog>
  );
}

function useVersionDiff(promptId: string, from: number, to: number) {
  const key = `${from}:${to}`;
  const [result, setResult] = useState<{ key: string; diff?: DiffResponse; error?: string } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    apiFetch<DiffResponse>(`${promptPath(promptId)}/diff?from=${from}&to=${to}`, { signal: controller.signal }).then(
      (diff) => setResult({ key, diff }),
      (error: Error) => {
        if (!controller.signal.aborted) setResult({ key, error: error.message });
      },
    );
    return () => controller.abort();
  }, [promptId, from, to, key]);
  // Stale results from a previous pair never show as the current one.
  return result?.key === key ? result : { key, loading: true as const };
}

function DiffBody({ promptId, versions, initial }: Omit<Props, 'open' | 'onOpenChange'>) {
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const result = useVersionDiff(promptId, from, to);

  const picker = (id: string, label: string, value: number, onChange: (n: number) => void) => (
    <div className="grid min-w-40 flex-1 gap-1.5 sm:max-w-64">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={id}>
        {versions.map((v) => (
          <option key={v.id} value={v.versionNumber}>
            v{v.versionNumber}
            {v.notes ? ` — ${v.notes.length > 40 ? `${v.notes.slice(0, 40)}…` : v.notes}` : ''}
          </option>
        ))}
      </NativeSelect>
    </div>
  );

  return (
    <div className="grid min-w-0 gap-5">
      <div className="flex flex-wrap items-end gap-3">
        {picker('diff-from', 'From', from, setFrom)}
        <Button
          variant="ghost"
          size="icon"
          aria-label="Swap versions"
          title="Swap versions"
          onClick={() => {
            setFrom(to);
            setTo(from);
          }}
        >
          <ArrowLeftRightIcon aria-hidden="true" />
        </Button>
        {picker('diff-to', 'To', to, setTo)}
      </div>
      {'loading' in result ? (
        <div className="grid gap-2" aria-busy="true">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : result.error !== undefined || !result.diff ? (
        <Alert variant="destructive">
          <AlertDescription>{result.error ?? 'Could not load the comparison.'}</AlertDescription>
        </Alert>
      ) : (
        <div className="grid min-w-0 gap-5" data-testid="diff-view">
          {result.diff.identical ? (
            <p className="flex items-center gap-2 rounded-md border border-dashed px-4 py-6 text-sm text-muted-foreground" data-testid="diff-identical">
              <CircleCheckIcon aria-hidden="true" className="size-4 text-success" />
              No differences: v{result.diff.from} and v{result.diff.to} have the same content.
            </p>
          ) : (
            <>
              <SideBySideDiff title="System prompt" diff={result.diff.systemPrompt} from={result.diff.from} to={result.diff.to} />
              <SideBySideDiff title="User prompt" diff={result.diff.userPrompt} from={result.diff.from} to={result.diff.to} />
              <DiffSettings model={result.diff.model} variables={result.diff.variables} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
