import { WrenchIcon } from 'lucide-react';
import type { Run } from '@/lib/client/types';
import { prettyJson } from './run-format';

type ToolCalls = NonNullable<Run['toolCalls']>;

/** The functions the model asked to call, each with its arguments pretty-printed. */
export function RunToolCalls({ toolCalls }: { toolCalls: ToolCalls }) {
  return (
    <section aria-label="Tool calls" className="grid gap-2" data-testid="run-tool-calls">
      <h3 className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
        <WrenchIcon aria-hidden="true" className="size-3.5" />
        {toolCalls.length === 1 ? '1 tool call' : `${toolCalls.length} tool calls`}
      </h3>
      <ol className="grid gap-2">
        {toolCalls.map((call, i) => (
          <li key={call.id || i} className="overflow-hidden rounded-md border bg-card" data-testid="run-tool-call">
            <div className="border-b px-3 py-1.5 font-mono text-xs font-medium">{call.name}</div>
            <pre className="max-h-64 overflow-auto px-3 py-2 font-mono text-[0.8125rem] leading-relaxed whitespace-pre-wrap break-words">
              {prettyJson(call.arguments) || <span className="text-muted-foreground italic">no arguments</span>}
            </pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
