'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { Download, FileText, Plus, Search, SearchX, Upload } from 'lucide-react';
import { ImportDialog } from '@/components/interop/import-dialog';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Kbd } from '@/components/ui/kbd';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { useDebounced } from '@/lib/client/use-debounced';
import { usePrompts, useTags } from '@/components/prompts/use-prompts';
import { errorMessage } from '@/lib/client/api';
import { pageItems } from '@/lib/client/pages';
import { cn } from '@/lib/utils';
import { NewPromptDialog } from './new-prompt-dialog';
import { PromptCard } from './prompt-card';
import { SamplePromptButton } from './sample-prompt-button';

export function PromptList() {
  const [input, setInput] = useState('');
  const query = useDebounced(input.trim(), 200);
  const [tag, setTag] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const list = usePrompts({ q: query, tag });
  const items = useMemo(() => pageItems(list.data), [list.data]);
  // Tags are a filter aid: without them the list still works.
  const tags = useTags().data ?? [];

  // "/" focuses search and "n" starts a new prompt, unless the user is typing somewhere.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable="true"]') || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === 'n') {
        event.preventDefault();
        setCreating(true);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const filtering = Boolean(query || tag);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Prompts</h1>
          <p className="text-sm text-muted-foreground">Templates with every change kept as a version.</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" asChild>
            {/* The session cookie rides along; the file is the bundle the importer reads back. */}
            <a href="/api/v1/export" download data-testid="export-workspace"><Download aria-hidden /> Export</a>
          </Button>
          <Button variant="outline" onClick={() => setImporting(true)} data-testid="import-prompts">
            <Upload aria-hidden /> Import
          </Button>
          <Button onClick={() => setCreating(true)} data-testid="new-prompt">
            <Plus aria-hidden /> New prompt <Kbd className="ml-1 hidden sm:inline-flex">N</Kbd>
          </Button>
        </div>
      </div>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="relative max-w-md flex-1">
          <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            ref={searchRef}
            type="search"
            aria-label="Search prompts by title"
            placeholder="Search by title…"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            className="pl-9 pr-10"
            data-testid="prompt-search"
          />
          <Kbd className="absolute right-2.5 top-1/2 -translate-y-1/2">/</Kbd>
        </div>
        {tags.length > 0 && (
          <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Filter by tag">
            {tags.map((t) => (
              <button
                key={t}
                type="button"
                aria-pressed={tag === t}
                data-testid={`tag-filter-${t}`}
                onClick={() => setTag(tag === t ? null : t)}
                className={cn(
                  'rounded-full border px-2.5 py-0.5 text-xs font-medium transition-colors hover:bg-accent',
                  tag === t && 'border-primary bg-primary text-primary-foreground hover:bg-primary/90',
                )}
              >
                #{t}
              </button>
            ))}
          </div>
        )}
      </div>

      {list.isError && (
        <Alert variant="destructive">
          <AlertDescription>Could not load prompts: {errorMessage(list.error)}</AlertDescription>
        </Alert>
      )}

      {list.isPending && (
        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-32 rounded-xl" />
          ))}
        </div>
      )}

      {list.isSuccess && !list.isPlaceholderData && items.length === 0 && (
        filtering ? (
          <EmptyState icon={<SearchX />} title="No prompts match" description="Try another search or clear the tag filter." data-testid="empty-search" />
        ) : (
          <EmptyState
            icon={<FileText />}
            title="No prompts yet"
            description="A prompt is a template with {{variables}}. Every save keeps an immutable version you can diff and restore."
            action={
              <>
                <Button onClick={() => setCreating(true)}><Plus aria-hidden /> Create your first prompt</Button>
                <SamplePromptButton />
              </>
            }
            data-testid="empty-prompts"
          />
        )
      )}

      {items.length > 0 && (
        <ul className={cn('grid gap-3 transition-opacity sm:grid-cols-2 xl:grid-cols-3', list.isPlaceholderData && 'opacity-60')} data-testid="prompt-list">
          {items.map((prompt) => (
            <li key={prompt.id}>
              <PromptCard prompt={prompt} />
            </li>
          ))}
        </ul>
      )}

      {list.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid="load-more">
            {list.isFetchingNextPage && <Spinner />} Load more
          </Button>
        </div>
      )}

      <NewPromptDialog open={creating} onOpenChange={setCreating} />
      <ImportDialog open={importing} onOpenChange={setImporting} />
    </div>
  );
}
