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
import { estimateUsage } from './tokens';
import type { ChatMessage, CompletionRequest, CompletionResult, LlmProvider, Usage } from './types';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const LIST_MODELS_TIMEOUT_MS = 10_000;

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

/** Maps Chat Completions usage. prompt_tokens already includes the cached tokens; OpenAI bills no cache writes. */
export function usageFromOpenAI(usage: CompletionUsage): Usage {
  const inputTokens = usage.prompt_tokens ?? 0;
  const outputTokens = usage.completion_tokens ?? 0;
  return {
    inputTokens,
    outputTokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: inputTokens + outputTokens,
    estimated: false,
  };
}

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
  return body;
}

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
    const refusal = choice.message?.refusal;
    if (refusal) throw providerError(label, 'refusal', `the model refused: ${refusal}`);
    if (choice.finish_reason === 'content_filter') {
      throw providerError(label, 'refusal', 'the response was withheld by the content filter');
    }
    const output = choice.message?.content ?? '';
    return {
      output,
      usage: response.usage ? usageFromOpenAI(response.usage) : estimateUsage(request.messages, output, request.model),
      finishReason: choice.finish_reason ?? null,
      providerRequestId: response._request_id ?? response.id ?? null,
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
        let output = '';
        let refusal = '';
        let finishReason: string | null = null;
        let usage: CompletionUsage | null = null;
        let completionId: string | null = null;
        for await (const chunk of stream) {
          completionId ??= chunk.id ?? null;
          if (chunk.usage) usage = chunk.usage;
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const text = choice.delta?.content;
          if (text) {
            output += text;
            emitDelta(onDelta, text);
          }
          if (choice.delta?.refusal) refusal += choice.delta.refusal;
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
        if (signal.aborted) throw new Error('stream aborted'); // guardCall reports it as the timeout or cancel
        if (refusal) throw providerError(label, 'refusal', `the model refused: ${refusal}`);
        if (finishReason === 'content_filter') {
          throw providerError(label, 'refusal', 'the response was withheld by the content filter');
        }
        if (!finishReason) throw providerError(label, 'malformed', 'the stream ended without a finish_reason');
        return {
          output,
          usage: usage ? usageFromOpenAI(usage) : estimateUsage(request.messages, output, request.model),
          finishReason,
          providerRequestId: requestId ?? completionId,
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
