import 'server-only';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCAL_MODEL_ID, LOCAL_PROVIDER_ID } from '../providers/catalog';
import { emitDelta, guardCall } from './guard-call';
import { exampleFromSchema } from './json-instance';
import { DEFAULT_MAX_OUTPUT_CHARS, OUTPUT_LIMIT_FINISH_REASON, sliceWhole } from './stream-output';
import { countTokens, decodeTokenChunks, decodeTokens, encodeText, measureChatTokens } from './tokens';
import { boundedToolCalls } from './tool-calls';
import type { ChatMessage, CompletionRequest, CompletionResult, GenerationParams, LlmProvider } from './types';
import { countedUsage } from './usage';

const LABEL = LOCAL_PROVIDER_ID;
const ECHO_CHARS = 200;
// Only the start of the user message is echoed; collapsing whitespace in all of a 1 MB prompt is wasted work.
const ECHO_SOURCE_CHARS = 8_192;

const OPENERS = ['Noted', 'Understood', 'Certainly', 'Got it', 'Sure', 'Happy to help', 'Right away', 'Of course'];
const ADJECTIVES = ['amber', 'brisk', 'calm', 'deft', 'eager', 'fuzzy', 'gentle', 'hollow', 'ivory', 'jolly', 'keen', 'lucid'];
const NOUNS = ['harbor', 'lantern', 'meadow', 'nebula', 'orchard', 'pebble', 'quartz', 'ridge', 'summit', 'thicket', 'valley', 'willow'];

const pick = (words: readonly string[], byte: number) => words[byte % words.length]!;

/**
 * The model's full reply before stop sequences and maxTokens: an echo of the last user message and a sentence
 * drawn from a hash of the whole prompt, so the same prompt always gets the same reply and any change to it
 * (system prompt included) changes the reply.
 */
export function localReplyText(messages: readonly ChatMessage[]): string {
  const hash = createHash('sha256').update(JSON.stringify(messages.map((m) => [m.role, m.content]))).digest();
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const flat = lastUser.slice(0, ECHO_SOURCE_CHARS).replace(/\s+/g, ' ').trim();
  const echo = flat.length > ECHO_CHARS ? `${flat.slice(0, ECHO_CHARS)}…` : flat;
  const [a = 0, b = 0, c = 0, d = 0] = hash;
  const sentence =
    `${pick(OPENERS, a)}: the answer is the ${pick(ADJECTIVES, b)} ${pick(NOUNS, c)}, ` +
    `number ${(d % 90) + 10} (fingerprint ${hash.subarray(0, 4).toString('hex')}).`;
  return `Local test model reply to: "${echo}"\n\n${sentence}`;
}

/**
 * With a response schema the reply is a JSON value for it; with tools the model also calls the first one with
 * arguments generated from its parameters, so structured output and tool calls work without a key.
 */
function replyFor(messages: readonly ChatMessage[], params: GenerationParams, maxOutputChars: number) {
  const text = params.responseSchema ? JSON.stringify(exampleFromSchema(params.responseSchema.schema, maxOutputChars)) : localReplyText(messages);
  const [tool] = params.tools ?? [];
  if (!tool) return { text };
  const id = `call_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  const calls = boundedToolCalls([{ id, name: tool.name, arguments: JSON.stringify(exampleFromSchema(tool.parameters, maxOutputChars)) }], maxOutputChars);
  return { text, toolCalls: calls.calls, toolCallsTruncated: calls.truncated };
}

/** Cuts at the first stop sequence, then to maxTokens whole tokens, then to the output limit. */
function generate(messages: readonly ChatMessage[], params: GenerationParams, maxOutputChars = DEFAULT_MAX_OUTPUT_CHARS) {
  const reply = replyFor(messages, params, maxOutputChars);
  let { text } = reply;
  let finishReason = reply.toolCalls ? 'tool_calls' : 'stop';
  const cut = Math.min(...(params.stop ?? []).filter(Boolean).map((s) => text.indexOf(s)).filter((i) => i >= 0));
  if (Number.isFinite(cut)) text = text.slice(0, cut);

  let tokens = encodeText(text);
  if (params.maxTokens !== undefined && tokens.length > params.maxTokens) {
    finishReason = 'length';
    const full = text;
    let keep = Math.max(0, params.maxTokens);
    text = decodeTokens(tokens.slice(0, keep));
    // A cut inside a multi-byte character (decoded as U+FFFD), or a prefix that re-tokenizes longer: one token less.
    while (keep > 0 && (!full.startsWith(text) || countTokens(text) > params.maxTokens)) {
      keep -= 1;
      text = decodeTokens(tokens.slice(0, keep));
    }
    tokens = encodeText(text);
  }
  const outputTruncated = text.length > maxOutputChars || reply.toolCallsTruncated === true;
  if (outputTruncated) {
    text = sliceWhole(text, maxOutputChars);
    tokens = encodeText(text);
    finishReason = OUTPUT_LIMIT_FINISH_REASON;
  }
  return { text, tokens, finishReason, outputTruncated, toolCalls: reply.toolCalls };
}

function result(request: CompletionRequest, reply: ReturnType<typeof generate>): CompletionResult {
  const { text: output, tokens, finishReason, outputTruncated, toolCalls } = reply;
  const input = measureChatTokens(request.messages);
  const inputTokens = input.tokens;
  const outputTokens = tokens.length + (toolCalls ?? []).reduce((sum, call) => sum + countTokens(call.name + call.arguments), 0);
  return {
    output,
    // The model's own counts with its own tokenizer (o200k): estimates only for prompts too long to count exactly.
    usage: countedUsage(inputTokens, outputTokens, input.estimated),
    finishReason,
    providerRequestId: null,
    ...(outputTruncated && { outputTruncated }),
    ...(toolCalls && toolCalls.length > 0 && { toolCalls }),
  };
}

/**
 * The built-in test model: no key, no network, deterministic replies streamed token by token. `chunkDelayMs`
 * slows streaming down for demos; by default each chunk only yields to the event loop.
 */
export function createLocalProvider(options: { chunkDelayMs?: number } = {}): LlmProvider {
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  return {
    kind: 'local',

    complete(request) {
      return guardCall(LABEL, request, async () => result(request, generate(request.messages, request.params, request.maxOutputChars)));
    },

    stream(request, onDelta) {
      return guardCall(LABEL, request, async (signal) => {
        const reply = generate(request.messages, request.params, request.maxOutputChars);
        for (const chunk of decodeTokenChunks(reply.tokens)) {
          if (chunkDelayMs > 0) await sleep(chunkDelayMs, undefined, { signal }).catch(() => undefined);
          else await new Promise((resolve) => setImmediate(resolve));
          if (signal.aborted) throw new Error('stream aborted'); // guardCall reports it as the timeout or cancel
          emitDelta(onDelta, chunk);
        }
        return result(request, reply);
      });
    },

    async listModels() {
      return [LOCAL_MODEL_ID];
    },
  };
}
