import type { RunMessage } from '@/lib/client/types';
import { cn } from '@/lib/utils';

const ROLE_LABEL = { system: 'System', user: 'User', assistant: 'Assistant' } as const;

/** The messages exactly as sent to the model (templates already rendered), as plain text. */
export function RunMessages({ messages }: { messages: RunMessage[] }) {
  return (
    <ol className="grid gap-3" data-testid="run-messages" aria-label="Messages sent to the model">
      {messages.map((message, i) => (
        <li
          key={i}
          className={cn('overflow-hidden rounded-lg border', message.role === 'system' ? 'bg-muted/40 dark:bg-muted/25' : 'bg-card')}
          data-role={message.role}
        >
          <div className="border-b px-3 py-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">{ROLE_LABEL[message.role]}</div>
          <pre className="max-h-96 overflow-y-auto px-3 py-2.5 font-mono text-[0.8125rem] leading-relaxed break-words whitespace-pre-wrap">
            {message.content || <span className="text-muted-foreground italic">empty</span>}
          </pre>
        </li>
      ))}
    </ol>
  );
}
