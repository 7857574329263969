import 'server-only';
import OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { providerFetch } from '../net/guarded-fetch';
import { providerError } from './errors';
import { emitDelta, guardCall } from './guard-call';
import { createOutputCollector, DEFAULT_MAX_OUTPUT_CHARS, deltaText, OUTPUT_LIMIT_FINISH_REASON, sliceWhole } from './stream-output';
import { estimateUsage } from './tokens';
import { boundedToolCalls, createToolCallCollector } from './tool-calls';
import type { ChatMessage, CompletionRequest, CompletionResult, LlmProvider, Usage } from './types';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const LIST_MODELS_TIMEOUT_MS = 10_000;
// A refusal is quoted in the run's error message: a few KB is plenty.
const REFUSAL_MAX_CHARS = 2_000;

export type OpenAIProviderOptions = {
  apiKey?: string;
  /** Defaults to the OpenAI API; point it at any Chat Completions server (or a test fixture). */
  baseURL?: string;
  /** Names the provider in error messages, e.g. "openai" or "groq". */
  label?: string;
  /**
   * The field that carries params.maxTokens. OpenAI's reasoning models (o-series, gpt-5) accept only
   * `max_completion_tokens`; most OpenAI-compatible servers know only `max_tokens`.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Defaults to the guarded provider fetch (lib/net/guarded-fetch.ts); tests may replace it. */
  fetch?: typeof globalThis.fetch;
};

/**
 * Maps Chat Completions usage (OpenAI's and the compatible servers': Groq reports cache reads the same way).
 * prompt_tokens is the whole prompt: the cached_tokens read from the cache and the cache_write_tokens written to it
 * (GPT-5.6 on) are parts of it, as are reasoning_tokens of completion_tokens, so those are not added again.
 */
export function usageFromOpenAI(usage: CompletionUsage): Usage {
  const inputTokens = tokenCount(usage.prompt_tokens);
  const outputTokens = tokenCount(usage.completion_tokens);
  const cachedInputTokens = Math.min(tokenCount(usage.prompt_tokens_details?.cached_tokens), inputTokens);
  return {
    inputTokens,
    outputTokens,
    cachedInputTokens,
    // A count larger than the prompt is a proxy's error: the parts never exceed the whole.
    cacheWriteTokens: Math.min(tokenCount(usage.prompt_tokens_details?.cache_write_tokens), inputTokens - cachedInputTokens),
    reasoningTokens: tokenCount(usage.completion_tokens_details?.reasoning_tokens),
    totalTokens: inputTokens + outputTokens,
    estimated: false,
  };
}

// Custom endpoints may send strings, negatives or null where counts belong: those count as 0.
const tokenCount = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0);
const textOrNull = (value: unknown) => (typeof value === 'string' && value ? value : null);

const toOpenAIMessage = ({ role, content }: ChatMessage): ChatCompletionMessageParam => ({ role, content });

function requestBody(request: CompletionRequest, maxTokensField: 'max_tokens' | 'max_completion_tokens') {
  const { temperature, maxTokens, topP, stop } = request.params;
  const body: ChatCompletionCreateParamsBase = {
    model: request.model,
    messages: request.messages.map(toOpenAIMessage),
  };
  if (temperature !== undefined) body.temperature = temperature;
  if (topP !== undefined) body.top_p = topP;
  if (maxTokens !== undefined) body[maxTokensField] = maxTokens;
  if (stop && stop.length > 0) body.stop = stop;
  const { responseSchema, tools } = request.params;
  if (responseSchema) {
    const { name, schema, strict } = responseSchema;
    body.response_format = { type: 'json_schema', json_schema: { name, schema, ...(strict !== undefined && { strict }) } };
  }
  if (tools && tools.length > 0) {
    body.tools = tools.map(({ name, description, parameters }) => ({
      type: 'function',
      function: { name, parameters, ...(description && { description }) },
    }));
  }
  return body;
}

/** A tool call as the endpoint sent it (custom tools have no `function`), for the bounded collector. */
const toolCallPart = (call: unknown) => {
  const { id, function: fn } = (typeof call === 'object' && call !== null ? call : {}) as { id?: unknown; function?: { name?: unknown; arguments?: unknown } };
  return { id, name: fn?.name, arguments: fn?.arguments };
};

/** The Chat Completions provider behind both `openai` and `openai-compatible`. */
export function createChatCompletionsProvider(
  kind: 'openai' | 'openai-compatible',
  options: OpenAIProviderOptions,
): LlmProvider {
  const label = options.label ?? kind;
  const maxTokensField = options.maxTokensField ?? 'max_tokens';
  const client = options.apiKey
    ? new OpenAI({
        apiKey: options.apiKey,
        baseURL: options.baseURL ?? OPENAI_BASE_URL,
        // Retries belong to the run pipeline, which knows the attempt budget.
        maxRetries: 0,
        // Explicit nulls keep the SDK from reading OPENAI_* variables: lib/env.ts is the only reader of process.env.
        organization: null,
        project: null,
        adminAPIKey: null,
        webhookSecret: null,
        fetch: options.fetch ?? providerFetch(),
      })
    : null;
  const requireClient = () => {
    if (!client) throw providerError(label, 'auth', 'no API key configured');
    return client;
  };

  const readCompletion = (request: CompletionRequest, response: ChatCompletion & { _request_id?: string | null }) => {
    // A non-JSON 200 arrives as a string; a proxy's JSON may lack choices.
    const choice = typeof response === 'object' && Array.isArray(response?.choices) ? response.choices[0] : undefined;
    if (!choice) throw providerError(label, 'malformed', 'the response has no choices');
    const refusal = sliceWhole(deltaText(choice.message?.refusal), REFUSAL_MAX_CHARS);
    if (refusal) throw providerError(label, 'refusal', `the model refused: ${refusal}`);
    if (choice.finish_reason === 'content_filter') {
      throw providerError(label, 'refusal', 'the response was withheld by the content filter');
    }
    const content = deltaText(choice.message?.content);
    const output = sliceWhole(content, request.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS);
    const rawCalls: unknown[] = Array.isArray(choice.message?.tool_calls) ? choice.message.tool_calls : [];
    const tools = boundedToolCalls(rawCalls.map(toolCallPart), request.maxOutputChars);
    const outputTruncated = output.length < content.length || tools.truncated;
    return {
      output,
      // The whole reply was generated (and billed) even when only part of it is kept.
      usage: response.usage ? usageFromOpenAI(response.usage) : estimateUsage(request.messages, content, request.model),
      finishReason: outputTruncated ? OUTPUT_LIMIT_FINISH_REASON : textOrNull(choice.finish_reason),
      providerRequestId: textOrNull(response._request_id) ?? textOrNull(response.id),
      ...(outputTruncated && { outputTruncated }),
      ...(tools.calls.length > 0 && { toolCalls: tools.calls }),
    } satisfies CompletionResult;
  };

  return {
    kind,

    complete(request) {
      return guardCall(label, request, async (signal) => {
        const response = await requireClient().chat.completions.create(
          { ...requestBody(request, maxTokensField), stream: false },
          { signal, timeout: request.timeoutMs },
        );
        return readCompletion(request, response);
      });
    },

    stream(request, onDelta) {
      return guardCall(label, request, async (signal) => {
        const { data: stream, request_id: requestId } = await requireClient()
          .chat.completions.create(
            // include_usage: the last chunk (with empty choices) carries the usage.
            { ...requestBody(request, maxTokensField), stream: true, stream_options: { include_usage: true } },
            { signal, timeout: request.timeoutMs },
          )
          .withResponse();
        const output = createOutputCollector(request.maxOutputChars);
        const refusal = createOutputCollector(REFUSAL_MAX_CHARS);
        const tools = createToolCallCollector(request.maxOutputChars);
        let finishReason: string | null = null;
        let usage: CompletionUsage | null = null;
        let completionId: string | null = null;
        for await (const chunk of stream) {
          // Chunks are whatever JSON the endpoint sent: check shapes instead of trusting the SDK's types.
          if (typeof chunk !== 'object' || chunk === null) continue;
          completionId ??= textOrNull(chunk.id);
          if (typeof chunk.usage === 'object' && chunk.usage !== null) usage = chunk.usage;
          const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
          if (typeof choice !== 'object' || choice === null) continue;
          emitDelta(onDelta, output.add(deltaText(choice.delta?.content)));
          const calls: unknown[] = Array.isArray(choice.delta?.tool_calls) ? choice.delta.tool_calls : [];
          for (const call of calls) if (!tools.add((call as { index?: number }).index ?? 0, toolCallPart(call))) break;
          // Leaving the loop closes the stream, which aborts the request: the rest is never read.
          if (output.truncated || tools.truncated) break;
          refusal.add(deltaText(choice.delta?.refusal));
          finishReason = textOrNull(choice.finish_reason) ?? finishReason;
        }
        if (signal.aborted) throw new Error('stream aborted'); // guardCall reports it as the timeout or cancel
        if (refusal.text) throw providerError(label, 'refusal', `the model refused: ${refusal.text}`);
        if (finishReason === 'content_filter') {
          throw providerError(label, 'refusal', 'the response was withheld by the content filter');
        }
        const truncated = output.truncated || tools.truncated;
        if (truncated) finishReason = OUTPUT_LIMIT_FINISH_REASON;
        if (!finishReason) throw providerError(label, 'malformed', 'the stream ended without a finish_reason');
        const toolCalls = tools.calls;
        return {
          output: output.text,
          usage: usage && !truncated ? usageFromOpenAI(usage) : estimateUsage(request.messages, output.text + toolCalls.map((c) => c.arguments).join(''), request.model),
          finishReason,
          providerRequestId: textOrNull(requestId) ?? completionId,
          ...(truncated && { outputTruncated: true }),
          ...(toolCalls.length > 0 && { toolCalls }),
        } satisfies CompletionResult;
      });
    },

    listModels(listOptions) {
      const timeoutMs = listOptions?.timeoutMs ?? LIST_MODELS_TIMEOUT_MS;
      return guardCall(label, { timeoutMs }, async (signal) => {
        const ids: string[] = [];
        for await (const model of requireClient().models.list({ signal, timeout: timeoutMs })) ids.push(model.id);
        return ids;
      });
    },
  };
}

/** OpenAI's Chat Completions API through the official SDK (`baseURL` points it at a proxy or test fixture). */
export function createOpenAIProvider(options: OpenAIProviderOptions): LlmProvider {
  return createChatCompletionsProvider('openai', {
    ...options,
    label: options.label ?? 'openai',
    maxTokensField: options.maxTokensField ?? 'max_completion_tokens',
  });
}
