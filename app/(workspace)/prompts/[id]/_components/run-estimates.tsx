'use client';

import { useMemo } from 'react';
import { RunEstimateLine } from '@/components/prompts/run-estimate';
import type { VariableDef } from '@/lib/client/types';
import type { TemplateMessage } from '@/lib/prompts/schemas';
import { renderMessages } from '@/lib/templates';
import { targetLabel, type RunTarget } from './run-model-choice';
import { buildVariables, type RunValues } from './run-variables';

type Props = {
  turns: TemplateMessage[];
  defs: VariableDef[];
  values: RunValues;
  targets: RunTarget[];
  maxTokens?: number;
};

/** The prompt as it will be sent, for the estimate: rendered with the form's values, else the raw templates. */
function renderForEstimate(turns: TemplateMessage[], defs: VariableDef[], values: RunValues): TemplateMessage[] {
  try {
    return renderMessages(turns, defs, buildVariables(defs, values).variables).messages;
  } catch {
    // A required value is still empty: the templates alone are close enough for an estimate.
    return turns;
  }
}

/** A token and cost estimate for each chosen model, before running. */
export function RunEstimates({ turns, defs, values, targets, maxTokens }: Props) {
  const messages = useMemo(() => renderForEstimate(turns, defs, values), [turns, defs, values]);
  return (
    <div className="grid gap-0.5" aria-label="Estimate before running" role="group">
      {targets.map((target, i) => (
        <div key={i} className="flex min-w-0 items-baseline gap-1.5 text-xs">
          {targets.length > 1 ? <span className="shrink-0 truncate font-mono text-muted-foreground">{targetLabel(target)}:</span> : null}
          <RunEstimateLine messages={messages} provider={target.provider} model={target.model.trim()} maxTokens={maxTokens} testId={`run-estimate-${i}`} />
        </div>
      ))}
    </div>
  );
}
