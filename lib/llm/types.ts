import type { Usage } from './usage';

/** The one interface every model provider implements. */

export type ChatRole = 'system' | 'user' | 'assistant';
export type ChatMessage = { role: ChatRole; content: string };

/** A function the model may call (model settings `tools`); `parameters` is a JSON Schema object. */
export type ToolDefinition = { name: string; description?: string; parameters: Record<string, unknown> };
/** A call the model made: `arguments` is the JSON text the model produced (it may not parse). */
export type ToolCall = { id: string; name: string; arguments: string };
/** Structured output: the reply must be JSON matching `schema` (a JSON Schema object). */
export type ResponseSchema = { name: string; schema: Record<string, unknown>; strict?: boolean };

export type GenerationParams = {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  responseSchema?: ResponseSchema;
  tools?: ToolDefinition[];
};

export type { Usage };

export type CompletionRequest = {
  model: string;
  messages: ChatMessage[];
  params: GenerationParams;
  /** Per-call timeout; the provider aborts the request with an AbortController when it passes. */
  timeoutMs: number;
  /** Caller-side cancellation (a canceled run). */
  signal?: AbortSignal;
  /** Longest output kept (default DEFAULT_MAX_OUTPUT_CHARS): a stream is cut there and `outputTruncated` set. */
  maxOutputChars?: number;
};

export type CompletionResult = {
  output: string;
  usage: Usage;
  finishReason: string | null;
  /** The provider's own request id, when it sends one. */
  providerRequestId: string | null;
  /** Set (true) only when the reply was cut at maxOutputChars; finishReason is then OUTPUT_LIMIT_FINISH_REASON. */
  outputTruncated?: boolean;
  /** Function calls the model made, when the request offered tools. */
  toolCalls?: ToolCall[];
};

export type ProviderKind = 'openai' | 'anthropic' | 'openai-compatible' | 'local';

export type ProviderConfig = {
  kind: ProviderKind;
  apiKey?: string;
  baseURL?: string;
  /** A short label for errors and the UI, e.g. "groq" for an openai-compatible preset. */
  label?: string;
  /**
   * The operator's own settings (OPENAI_BASE_URL, OLLAMA_BASE_URL…): may reach private addresses and its error
   * messages are shown. Otherwise the endpoint is guarded and, when the workspace chose the base URL, its error
   * bodies are never echoed.
   */
  trusted?: boolean;
};

export interface LlmProvider {
  readonly kind: ProviderKind;
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /** Streams text deltas to onDelta as they arrive; resolves with the full result (usage included). */
  stream(request: CompletionRequest, onDelta: (text: string) => void): Promise<CompletionResult>;
  /** Model ids the endpoint offers ("Test connection"). */
  listModels(options?: { timeoutMs?: number }): Promise<string[]>;
}

export type ProviderErrorKind =
  | 'rate_limited'
  | 'overloaded'
  | 'timeout'
  | 'network'
  | 'bad_request'
  | 'auth'
  | 'unknown_model'
  | 'refusal'
  | 'malformed'
  | 'canceled';

const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set(['rate_limited', 'overloaded', 'timeout', 'network', 'malformed']);

/** A classified provider failure: the kind decides whether a retry can help. */
export class ProviderError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; provider?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'ProviderError';
    this.retryable = RETRYABLE.has(kind);
  }
}
