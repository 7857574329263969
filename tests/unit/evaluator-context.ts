import { countedUsage } from '@/lib/llm/usage';
import type { EvalContext } from '@/lib/evaluators/types';

/** A cell's context for evaluator tests; `vars` is the input plus `expected`, as the engine builds it. */
export function evalContext(overrides: Partial<EvalContext> & { input?: Record<string, unknown> } = {}): EvalContext {
  const { input = { topic: 'owls' }, ...rest } = overrides;
  const expected = 'expected' in overrides ? overrides.expected : 'Paris';
  return {
    output: 'Paris',
    expected,
    vars: { ...input, expected },
    item: { id: 'item-1', input, expected, metadata: {} },
    latencyMs: 120,
    costUsd: 0.0012,
    usage: countedUsage(10, 5, false),
    toolCalls: null,
    run: { id: 'run-1', provider: 'openai', model: 'gpt-4o-mini' },
    workspaceId: 'ws-1',
    experimentId: 'exp-1',
    cellId: 'cell-1',
    signal: new AbortController().signal,
    ...rest,
  };
}
