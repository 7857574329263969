'use client';

import { useState } from 'react';
import { ArrowLeftRightIcon, CircleCheckIcon } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { NativeSelect } from '@/components/prompts/native-select';
import { useVersions } from '@/components/prompts/use-versions';
import { errorMessage } from '@/lib/client/api';
import { pageItems } from '@/lib/client/pages';
import type { VersionSummary } from '@/lib/client/types';
import { DiffSettings } from './diff-settings';
import { MessagesDiffView } from './messages-diff-view';
import { SideBySideDiff } from './side-by-side-diff';
import { useVersionDiff, type CompareRange, type DiffResponse } from './use-version-diff';

type Props = {
  promptId: string;
  open: boolean;
  /** Where the pickers start each time the dialog opens. */
  initial: CompareRange;
  onOpenChange: (open: boolean) => void;
};

export function DiffDialog({ promptId, open, initial, onOpenChange }: Props) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-6xl" data-testid="diff-dialog">
        <DialogHeader>
          <DialogTitle>Compare versions</DialogTitle>
          <DialogDescription>Line changes in the templates (turn by turn for a chat), plus changed variables and model settings.</DialogDescription>
        </DialogHeader>
        {/* Content unmounts on close, so the pickers restart from `initial` on every open. */}
        <DiffBody promptId={promptId} initial={initial} />
      </DialogContent>
    </Dialog>
  );
}

/** The versions the pickers offer: those loaded in the history, plus the two being compared. */
function pickerOptions(versions: VersionSummary[], range: CompareRange): { versionNumber: number; notes: string }[] {
  const options = new Map(versions.map((v) => [v.versionNumber, v.notes]));
  for (const n of [range.from, range.to]) if (!options.has(n)) options.set(n, '');
  return [...options].map(([versionNumber, notes]) => ({ versionNumber, notes })).sort((a, b) => b.versionNumber - a.versionNumber);
}

function DiffBody({ promptId, initial }: Pick<Props, 'promptId' | 'initial'>) {
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const history = useVersions(promptId);
  const options = pickerOptions(pageItems(history.data), { from, to });
  const result = useVersionDiff(promptId, { from, to });

  const picker = (id: string, label: string, value: number, onChange: (n: number) => void) => (
    <div className="grid min-w-40 flex-1 gap-1.5 sm:max-w-64">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={id}>
        {options.map((v) => (
          <option key={v.versionNumber} value={v.versionNumber}>
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
      {result.isPending ? (
        <div className="grid gap-2" aria-busy="true">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : result.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{errorMessage(result.error)}</AlertDescription>
        </Alert>
      ) : (
        <DiffView diff={result.data} />
      )}
    </div>
  );
}

function DiffView({ diff }: { diff: DiffResponse }) {
  return (
    <div className="grid min-w-0 gap-5" data-testid="diff-view">
      {diff.identical ? (
        <p className="flex items-center gap-2 rounded-md border border-dashed px-4 py-6 text-sm text-muted-foreground" data-testid="diff-identical">
          <CircleCheckIcon aria-hidden="true" className="size-4 text-success" />
          No differences: v{diff.from} and v{diff.to} have the same content.
        </p>
      ) : (
        <>
          {diff.messages ? (
            <MessagesDiffView turns={diff.messages} from={diff.from} to={diff.to} maxLines={diff.maxLines} />
          ) : (
            <>
              <SideBySideDiff title="System prompt" diff={diff.systemPrompt} from={diff.from} to={diff.to} maxLines={diff.maxLines} />
              <SideBySideDiff title="User prompt" diff={diff.userPrompt} from={diff.from} to={diff.to} maxLines={diff.maxLines} />
            </>
          )}
          <DiffSettings model={diff.model} variables={diff.variables} />
        </>
      )}
    </div>
  );
}
