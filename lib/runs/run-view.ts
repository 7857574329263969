import 'server-only';
import type { Run } from '@/db/schema';
import { modelWarnings } from '@/lib/llm/model-warnings';

/** The run object of the public API; `now` dates its model warnings. */
export function toRunView(run: Run, now: Date = new Date()) {
  return {
    id: run.id,
    promptId: run.promptId,
    /** Null for a draft run until it is saved as a version. */
    versionNumber: run.versionNumber,
    /** The label that served versionNumber when the run was made through one (POST /runs { slug, label }). */
    label: run.label,
    /** A run of unsaved editor content; stays true once saved as a version. */
    draft: run.draft,
    /** What a draft run rendered (templates, variables, model settings); null for a run of a version. */
    template: run.template,
    status: run.status,
    provider: run.provider,
    model: run.model,
    params: run.params,
    variables: run.variables,
    messages: run.messages,
    output: run.output,
    /** The reply was cut at the instance's output limit (RUN_MAX_OUTPUT_CHARS). */
    outputTruncated: run.outputTruncated,
    /** Function calls the model made (tools in the model settings); null when none. */
    toolCalls: run.toolCalls,
    /** The output checked against the settings' JSON Schema; null when there was none. */
    outputCheck: run.outputCheck,
    usage: run.usage,
    costUsd: run.costUsd,
    /** Where costUsd's price came from (the table's version or a workspace price); null when unknown. */
    priceSource: run.priceSource,
    /** Each token class × its price, as costUsd was computed; null when the price is unknown or for older runs. */
    costBreakdown: run.costBreakdown,
    /** The model is retired or retires soon (as of this answer, not of the run). */
    warnings: modelWarnings(run.provider, run.model, now),
    latencyMs: run.latencyMs,
    ttftMs: run.ttftMs,
    cached: run.cached,
    sourceRunId: run.sourceRunId,
    /** The experiment this run is a cell of; null for a run of its own. */
    experimentId: run.experimentId,
    attempts: run.attempts,
    error: run.errorCode ? { code: run.errorCode, message: run.errorMessage ?? '' } : null,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

export type RunView = ReturnType<typeof toRunView>;

/** A run as the history and the run page show it: with its prompt's title, so no list needs the prompts. */
export type RunWithTitleView = RunView & { promptTitle: string | null };

export const toRunWithTitleView = ({ run, promptTitle }: { run: Run; promptTitle: string | null }): RunWithTitleView => ({
  ...toRunView(run),
  promptTitle,
});
