'use client';

import Link from 'next/link';
import { FileQuestionIcon, RefreshCwIcon, TriangleAlertIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { usePrompt } from '@/components/prompts/use-prompt';
import { ApiClientError, errorMessage } from '@/lib/client/api';
import { PromptWorkspace } from './prompt-workspace';

/** The prompt editor page: loads through the JSON API (session cookie), then hands off to the workspace. */
export function PromptEditor({ promptId }: { promptId: string }) {
  const query = usePrompt(promptId);

  // A failed background refresh keeps the loaded prompt on screen.
  if (query.data) return <PromptWorkspace prompt={query.data} />;
  if (query.isPending) return <EditorSkeleton />;
  const notFound = query.error instanceof ApiClientError && query.error.status === 404;
  return notFound ? (
    <EmptyState
      icon={<FileQuestionIcon />}
      title="This prompt doesn't exist or was deleted"
      description="Check the link, or pick a prompt from the list."
      action={
        <Button asChild>
          <Link href="/prompts">Back to prompts</Link>
        </Button>
      }
      data-testid="prompt-not-found"
      className="mt-8"
    />
  ) : (
    <EmptyState
      icon={<TriangleAlertIcon />}
      title="Couldn't load this prompt"
      description={errorMessage(query.error)}
      action={
        <>
          <Button onClick={() => void query.refetch()}>
            <RefreshCwIcon aria-hidden="true" />
            Try again
          </Button>
          <Button variant="outline" asChild>
            <Link href="/prompts">Back to prompts</Link>
          </Button>
        </>
      }
      data-testid="prompt-load-error"
      className="mt-8"
    />
  );
}

function EditorSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading prompt" data-testid="prompt-editor-loading">
      <div className="grid gap-3">
        <Skeleton className="h-4 w-20" />
        <div className="flex items-center gap-3">
          <Skeleton className="h-8 w-72 max-w-full" />
          <Skeleton className="h-5 w-10" />
        </div>
        <Skeleton className="h-4 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <div className="grid gap-5">
          {[0, 1].map((i) => (
            <div key={i} className="grid gap-2">
              <Skeleton className="h-4 w-28" />
              <Skeleton className="h-52 w-full" />
            </div>
          ))}
        </div>
        <div className="grid gap-4">
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-72 w-full rounded-xl" />
        </div>
      </div>
    </div>
  );
}
