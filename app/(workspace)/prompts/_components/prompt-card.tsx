import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatRelative } from '@/lib/client/format';
import type { PromptListItem } from '@/lib/client/types';

export function PromptCard({ prompt }: { prompt: PromptListItem }) {
  return (
    <Link
      href={`/prompts/${prompt.id}`}
      data-testid="prompt-card"
      className="group flex h-full flex-col gap-2 rounded-xl border bg-card p-4 shadow-xs transition hover:border-primary/40 hover:shadow-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-medium leading-snug group-hover:text-primary">{prompt.title}</h2>
        {prompt.currentVersion && <Badge variant="secondary">v{prompt.currentVersion.versionNumber}</Badge>}
      </div>
      <p className="line-clamp-2 text-sm text-muted-foreground">{prompt.description || prompt.slug}</p>
      <div className="mt-auto flex flex-wrap items-center gap-1.5 pt-2 text-xs text-muted-foreground">
        {prompt.tags.map((t) => (
          <Badge key={t} variant="outline" className="font-normal">#{t}</Badge>
        ))}
        <span className="ml-auto whitespace-nowrap">
          {prompt.currentVersion ? `${prompt.currentVersion.model} · ` : ''}
          {formatRelative(prompt.updatedAt)}
        </span>
      </div>
    </Link>
  );
}
