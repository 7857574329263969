'use client';

import { useState } from 'react';
import Link from 'next/link';
import { ChevronLeftIcon, CodeIcon, FlaskConicalIcon, PencilIcon, Trash2Icon } from 'lucide-react';
import { ExperimentFormDialog } from '@/components/experiments/experiment-form';
import { PromptExportMenu } from '@/components/interop/prompt-export-menu';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { useDeletePrompt } from '@/components/prompts/use-prompt';
import { errorMessage } from '@/lib/client/api';
import type { Prompt } from '@/lib/client/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EditDetailsDialog } from './edit-details-dialog';
import { GetCodeDialog, type CodeTarget } from './get-code-dialog';

type Props = {
  prompt: Prompt;
  /** Navigates away without the unsaved-changes prompt (the prompt is gone anyway). */
  onDeleted: (href: string) => void;
  /** What "Get code" runs (the run panel's choice); without it, the current version with no values. */
  code?: CodeTarget;
};

export function PromptHeader({ prompt, onDeleted, code }: Props) {
  const [editing, setEditing] = useState(false);
  const [showingCode, setShowingCode] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [testing, setTesting] = useState(false);
  const remove = useDeletePrompt(prompt.id);
  const current = prompt.currentVersion;

  function confirmDelete() {
    remove.mutate(undefined, {
      onSuccess: () => {
        toast({ title: `Deleted “${prompt.title}”`, variant: 'success' });
        onDeleted('/prompts');
      },
    });
  }

  return (
    <header className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0 flex-1 basis-72 space-y-2">
        <Link
          href="/prompts"
          className="inline-flex items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <ChevronLeftIcon aria-hidden="true" className="size-4" />
          Prompts
        </Link>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words" data-testid="prompt-title">
            {prompt.title}
          </h1>
          <Badge variant="secondary" className="font-mono" data-testid="current-version-badge" title="Current version">
            {current ? `v${current.versionNumber}` : 'No versions'}
          </Badge>
        </div>
        <p className="font-mono text-xs text-muted-foreground" data-testid="prompt-slug">
          {prompt.slug}
        </p>
        {prompt.description ? (
          <p className="max-w-3xl text-sm text-muted-foreground whitespace-pre-line" data-testid="prompt-description">
            {prompt.description}
          </p>
        ) : null}
        {prompt.tags.length > 0 ? (
          <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
            {prompt.tags.map((tag) => (
              <li key={tag}>
                <Badge variant="outline" data-testid={`prompt-tag-${tag}`}>
                  {tag}
                </Badge>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="flex max-w-full shrink-0 flex-wrap items-center gap-2">
        {current ? (
          <Button variant="outline" size="sm" onClick={() => setShowingCode(true)} data-testid="get-code">
            <CodeIcon aria-hidden="true" />
            Get code
          </Button>
        ) : null}
        {current ? (
          <Button variant="outline" size="sm" onClick={() => setTesting(true)} data-testid="test-prompt">
            <FlaskConicalIcon aria-hidden="true" />
            Test
          </Button>
        ) : null}
        <Button variant="ghost" size="sm" asChild>
          <Link href={`/experiments?promptId=${encodeURIComponent(prompt.id)}`} data-testid="prompt-experiments">
            Experiments
          </Link>
        </Button>
        <PromptExportMenu promptId={prompt.id} />
        <Button variant="outline" size="sm" onClick={() => setEditing(true)} data-testid="edit-details">
          <PencilIcon aria-hidden="true" />
          Edit details
        </Button>
        <Button
          variant="outline"
          size="sm"
          className="text-destructive hover:bg-destructive/10 hover:text-destructive"
          onClick={() => {
            remove.reset();
            setDeleting(true);
          }}
          data-testid="delete-prompt"
        >
          <Trash2Icon aria-hidden="true" />
          Delete
        </Button>
      </div>
      <EditDetailsDialog prompt={prompt} open={editing} onOpenChange={setEditing} />
      <ExperimentFormDialog promptId={prompt.id} open={testing} onOpenChange={setTesting} />
      <GetCodeDialog
        promptId={prompt.id}
        defs={code?.runDraft?.variables ?? current?.variables ?? []}
        versionNumber={code?.versionNumber ?? null}
        runDraft={code?.runDraft ?? null}
        values={code?.values ?? {}}
        open={showingCode}
        onOpenChange={setShowingCode}
      />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete “${prompt.title}”?`}
        description="The prompt disappears from the workspace, and API calls that use its id or slug stop working. Unsaved changes are discarded."
        confirmLabel="Delete prompt"
        confirmTestId="confirm-delete"
        destructive
        pending={remove.isPending || remove.isSuccess}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={confirmDelete}
      />
    </header>
  );
}
