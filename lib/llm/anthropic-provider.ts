import 'server-only';
import Anthropic from '@anthropic-ai/sdk';
import type {
  Message,
  MessageCreateParamsBase,
  MessageDeltaUsage,
  Usage as AnthropicUsage,
} from '@anthropic-ai/sdk/resources/messages';
import { providerFetch } from '../net/guarded-fetch';
import { providerError } from './errors';
import { toAnthropicMessages } from './anthropic-messages';
import { createToolStreamReader, finishReasonOf, readBlocks, toolRequest, type ToolRequest } from './anthropic-tools';
import { emitDelta, guardCall } from './guard-call';
import { LIST_MODELS_TIMEOUT_MS } from './openai-provider';
import { createOutputCollector, OUTPUT_LIMIT_FINISH_REASON } from './stream-output';
import { countTokens } from './tokens';
import type { CompletionRequest, CompletionResult, GenerationParams, LlmProvider, Usage } from './types';

export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
/** Anthropic requires max_tokens; used when the prompt sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;
/**
 * Not sent: API version 2026-10-21, which @anthropic-ai/sdk 1.x always sends, answers 400 to temperature, top_p and
 * top_k, even at their defaults. A UI can say the setting does not apply to Anthropic models.
 */
export const ANTHROPIC_IGNORED_PARAMS: readonly (keyof GenerationParams)[] = ['temperature', 'topP'];

export type AnthropicProviderOptions = {
  apiKey?: string;
  /** Defaults to the Anthropic API; point it at a proxy or a test fixture. */
  baseURL?: string;
  /** Names the provider in error messages. */
  label?: string;
  /** Defaults to the guarded provider fetch (lib/net/guarded-fetch.ts); tests may replace it. */
  fetch?: typeof globalThis.fetch;
};

type UsageCounts = Pick<
  AnthropicUsage,
  'input_tokens' | 'output_tokens' | 'cache_read_input_tokens' | 'cache_creation_input_tokens' | 'output_tokens_details'
> & {
  /** The writes by cache lifetime; older answers and some proxies leave it out. */
  cache_creation?: AnthropicUsage['cache_creation'];
};

// A proxy may send strings, negatives or null where counts belong: those count as 0.
const tokenCount = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0);

/**
 * Maps Messages usage onto ours. Anthropic's input_tokens excludes cache reads and cache writes; ours is the whole
 * prompt, as OpenAI counts it, so the three are added up. cache_creation_input_tokens is every write (5-minute and
 * 1-hour); cache_creation splits it by lifetime. Without the split, all writes count as 5-minute ones.
 */
export function usageFromAnthropic(usage: UsageCounts): Usage {
  const cachedInputTokens = tokenCount(usage.cache_read_input_tokens);
  const written1h = tokenCount(usage.cache_creation?.ephemeral_1h_input_tokens);
  const written5m = tokenCount(usage.cache_creation?.ephemeral_5m_input_tokens);
  // A proxy may drop the total and keep the split: the split then is the total.
  const cacheWriteTokens = usage.cache_creation_input_tokens == null ? written5m + written1h : tokenCount(usage.cache_creation_input_tokens);
  const inputTokens = tokenCount(usage.input_tokens) + cachedInputTokens + cacheWriteTokens;
  const outputTokens = tokenCount(usage.output_tokens);
  return {
    inputTokens,
    outputTokens,
    cachedInputTokens,
    cacheWriteTokens,
    cacheWrite1hTokens: Math.min(written1h, cacheWriteTokens),
    reasoningTokens: tokenCount(usage.output_tokens_details?.thinking_tokens),
    totalTokens: inputTokens + outputTokens,
    estimated: false,
  };
}

function requestBody(request: CompletionRequest, tools: ToolRequest): MessageCreateParamsBase {
  const { system, messages } = toAnthropicMessages(request.messages);
  const { maxTokens, stop } = request.params;
  return {
    model: request.model,
    max_tokens: maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages,
    ...(system && { system }),
    ...(stop && stop.length > 0 && { stop_sequences: stop }),
    ...(tools.tools && { tools: tools.tools }),
    ...(tools.tool_choice && { tool_choice: tools.tool_choice }),
  };
}

export function createAnthropicProvider(options: AnthropicProviderOptions): LlmProvider {
  const label = options.label ?? 'anthropic';
  const client = options.apiKey
    ? new Anthropic({
        // Passing the key also keeps the SDK from looking for credentials in the environment and on disk.
        apiKey: options.apiKey,
        baseURL: options.baseURL ?? ANTHROPIC_BASE_URL,
        webhookKey: null,
        maxRetries: 0,
        fetch: options.fetch ?? providerFetch(),
      })
    : null;
  const requireClient = () => {
    if (!client) throw providerError(label, 'auth', 'no API key configured');
    return client;
  };

  const refused = (message: Pick<Message, 'stop_details'>) => {
    const category = message.stop_details?.category;
    return providerError(label, 'refusal', `the model refused${category ? ` (${category})` : ''}`);
  };

  return {
    kind: 'anthropic',

    complete(request) {
      return guardCall(label, request, async (signal) => {
        const tools = toolRequest(request.params);
        const message = (await requireClient().messages.create(
          { ...requestBody(request, tools), stream: false },
          { signal, timeout: request.timeoutMs },
        )) as Message & { _request_id?: string | null };
        if (typeof message !== 'object' || !Array.isArray(message?.content) || !message.usage) {
          throw providerError(label, 'malformed', 'the response is not a message');
        }
        if (message.stop_reason === 'refusal') throw refused(message);
        const { output, calls, replied } = readBlocks(message.content, tools, request.maxOutputChars);
        const outputTruncated = output.truncated || calls.truncated;
        const toolCalls = calls.calls;
        return {
          output: output.text,
          usage: usageFromAnthropic(message.usage),
          finishReason: outputTruncated ? OUTPUT_LIMIT_FINISH_REASON : finishReasonOf(message.stop_reason ?? null, replied, toolCalls),
          providerRequestId: message._request_id ?? null,
          ...(outputTruncated && { outputTruncated }),
          ...(toolCalls.length > 0 && { toolCalls }),
        } satisfies CompletionResult;
      });
    },

    stream(request, onDelta) {
      return guardCall(label, request, async (signal) => {
        const tools = toolRequest(request.params);
        const { data: events, request_id: requestId } = await requireClient()
          .messages.create({ ...requestBody(request, tools), stream: true }, { signal, timeout: request.timeoutMs })
          .withResponse();
        const output = createOutputCollector(request.maxOutputChars);
        const reader = createToolStreamReader(tools, output, (text) => emitDelta(onDelta, text), request.maxOutputChars);
        let fits = true;
        let usage: UsageCounts | null = null;
        let stopReason: string | null = null;
        let stopDetails: Message['stop_details'] = null;
        let stopped = false;
        for await (const event of events) {
          switch (event.type) {
            case 'message_start':
              usage = { ...event.message.usage };
              break;
            case 'content_block_start':
              fits = reader.start(event.index, event.content_block ?? {});
              break;
            case 'content_block_delta':
              // A proxy may send a text_delta without a string `text`: it adds nothing.
              if (event.delta?.type === 'text_delta' && typeof event.delta.text === 'string') {
                emitDelta(onDelta, output.add(event.delta.text));
              }
              if (event.delta?.type === 'input_json_delta') fits = reader.delta(event.index, event.delta.partial_json);
              break;
            case 'content_block_stop':
              fits = reader.stop(event.index);
              break;
            case 'message_delta':
              stopReason = event.delta.stop_reason ?? stopReason;
              stopDetails = event.delta.stop_details ?? stopDetails;
              usage = mergeDeltaUsage(usage, event.usage);
              break;
            case 'message_stop':
              stopped = true;
              break;
          }
          // Leaving the loop closes the stream, which aborts the request: the rest is never read.
          if (output.truncated || reader.truncated || !fits) break;
        }
        if (signal.aborted) throw new Error('stream aborted'); // guardCall reports it as the timeout or cancel
        const toolCalls = reader.calls;
        const withCalls = toolCalls.length > 0 ? { toolCalls } : {};
        if (output.truncated || reader.truncated || !fits) {
          // The final output count never arrived: count what was kept.
          const kept = output.text + toolCalls.map((c) => c.arguments).join('');
          const counted = usageFromAnthropic({ ...(usage ?? EMPTY_USAGE), output_tokens: countTokens(kept, request.model) });
          return {
            output: output.text,
            usage: { ...counted, estimated: true },
            finishReason: OUTPUT_LIMIT_FINISH_REASON,
            providerRequestId: requestId ?? null,
            outputTruncated: true,
            ...withCalls,
          } satisfies CompletionResult;
        }
        if (!stopped || !usage) throw providerError(label, 'malformed', 'the stream ended before message_stop');
        if (stopReason === 'refusal') throw refused({ stop_details: stopDetails });
        return {
          output: output.text,
          usage: usageFromAnthropic(usage),
          finishReason: finishReasonOf(stopReason, reader.replied, toolCalls),
          providerRequestId: requestId ?? null,
          ...withCalls,
        } satisfies CompletionResult;
      });
    },

    listModels(listOptions) {
      const timeoutMs = listOptions?.timeoutMs ?? LIST_MODELS_TIMEOUT_MS;
      return guardCall(label, { timeoutMs }, async (signal) => {
        const ids: string[] = [];
        for await (const model of requireClient().models.list({ limit: 1000 }, { signal, timeout: timeoutMs })) {
          ids.push(model.id);
        }
        return ids;
      });
    },
  };
}

const EMPTY_USAGE: UsageCounts = {
  input_tokens: 0,
  output_tokens: 0,
  cache_read_input_tokens: null,
  cache_creation_input_tokens: null,
  output_tokens_details: null,
};

/**
 * message_delta carries the cumulative output count, and input counts only when they changed (non-null). It has no
 * cache_creation split: message_start's is kept.
 */
function mergeDeltaUsage(usage: UsageCounts | null, delta: MessageDeltaUsage): UsageCounts {
  const base: UsageCounts = usage ?? EMPTY_USAGE;
  return {
    input_tokens: delta.input_tokens ?? base.input_tokens,
    output_tokens: delta.output_tokens ?? base.output_tokens,
    cache_read_input_tokens: delta.cache_read_input_tokens ?? base.cache_read_input_tokens,
    cache_creation_input_tokens: delta.cache_creation_input_tokens ?? base.cache_creation_input_tokens,
    output_tokens_details: delta.output_tokens_details ?? base.output_tokens_details,
    cache_creation: base.cache_creation,
  };
}
