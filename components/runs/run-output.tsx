'use client';

import { useMemo, useState } from 'react';
import { CheckIcon, CopyIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import type { Run, RunStatus } from '@/lib/client/types';
import { cn } from '@/lib/utils';
import { prettyJson } from './run-format';
import { RunMarkdown } from './run-markdown';
import { RunOutputCheck } from './run-output-check';
import { RunToolCalls } from './run-tool-calls';

type Props = {
  output: string;
  status: RunStatus | null;
  streaming: boolean;
  /** The provider's answer was cut off at the instance's output limit. */
  truncated?: boolean;
  /** The run's tool calls, listed under the output. */
  toolCalls?: Run['toolCalls'];
  /** Set for structured output: the output is shown as formatted JSON with the check's verdict. */
  outputCheck?: Run['outputCheck'];
  className?: string;
};

const EMPTY: Record<RunStatus, string> = {
  queued: 'Waiting for a worker to pick this run up…',
  running: 'Waiting for the first token…',
  succeeded: 'The model returned an empty answer.',
  failed: 'No output.',
  canceled: 'Canceled before any output.',
};

/**
 * Output as it streams (plain monospace), then rendered as Markdown once the run is finished, or as indented JSON
 * for structured output; tool calls are listed under it.
 */
export function RunOutput({ output, status, streaming, truncated = false, toolCalls, outputCheck, className }: Props) {
  const [raw, setRaw] = useState(false);
  const [copied, setCopied] = useState(false);
  const json = !streaming && outputCheck != null;
  const formatted = useMemo(() => (json ? prettyJson(output) : ''), [json, output]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(output);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard blocked (insecure origin, denied permission): the text stays selectable.
    }
  }

  const plain = streaming || raw;
  return (
    <div className={cn('group/output relative rounded-lg border bg-muted/30 dark:bg-muted/20', className)}>
      {output && !streaming ? (
        <div className="absolute top-1.5 right-1.5 flex gap-1 opacity-70 transition-opacity group-hover/output:opacity-100 focus-within:opacity-100">
          <Button variant="ghost" size="sm" className="h-7 px-2 text-xs" onClick={() => setRaw((v) => !v)} aria-pressed={raw}>
            {raw ? 'Rendered' : 'Raw'}
          </Button>
          <Button variant="ghost" size="icon-sm" className="size-7" onClick={() => void copy()} aria-label="Copy output">
            {copied ? <CheckIcon aria-hidden="true" className="text-success" /> : <CopyIcon aria-hidden="true" />}
          </Button>
        </div>
      ) : null}
      <div
        className="max-h-[32rem] min-h-24 overflow-y-auto px-4 py-3"
        aria-busy={streaming || undefined}
        aria-label="Run output"
        role="region"
        data-testid="run-output"
        data-streaming={streaming ? 'true' : 'false'}
      >
        {!output ? (
          <p className="text-sm text-muted-foreground italic">{toolCalls?.length ? 'No text: the model called tools.' : status ? EMPTY[status] : 'No output yet.'}</p>
        ) : json && !raw ? (
          <pre className="pr-16 font-mono text-[0.8125rem] leading-relaxed break-words whitespace-pre-wrap" data-testid="run-output-json">
            {formatted}
          </pre>
        ) : plain ? (
          <pre className="font-mono text-[0.8125rem] leading-relaxed break-words whitespace-pre-wrap">
            {output}
            {streaming ? <span aria-hidden="true" className="ml-0.5 inline-block h-4 w-1.5 translate-y-0.5 animate-pulse bg-foreground/60" /> : null}
          </pre>
        ) : (
          <RunMarkdown text={output} className="pr-16" />
        )}
      </div>
      {outputCheck && !streaming ? (
        <div className="border-t px-4 py-2">
          <RunOutputCheck check={outputCheck} />
        </div>
      ) : null}
      {toolCalls?.length ? (
        <div className="border-t px-4 py-3">
          <RunToolCalls toolCalls={toolCalls} />
        </div>
      ) : null}
      {truncated ? (
        <p className="border-t px-4 py-2 text-xs text-muted-foreground" data-testid="run-output-truncated">
          The answer was cut off here: it reached this instance&apos;s output limit.
        </p>
      ) : null}
    </div>
  );
}
