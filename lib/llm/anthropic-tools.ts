import 'server-only';
import type { ContentBlock, MessageCreateParamsBase, Tool } from '@anthropic-ai/sdk/resources/messages';
import { createOutputCollector, type OutputCollector } from './stream-output';
import { createToolCallCollector, type ToolCallCollector } from './tool-calls';
import type { GenerationParams, ToolCall } from './types';

/**
 * Tools and structured output on the Messages API. Anthropic has no response_format here: a response schema
 * becomes one more tool the model is made to call (tool_choice), and that call's input is the reply. Its
 * input_schema must be an object, so another schema (an array, a string…) is wrapped as `{ value: … }` and
 * unwrapped from the reply. Wrapped, the schema's refs to its own root (`#`, `#/items`…) point into `value`,
 * and its `$defs` / `definitions` move to the wrapper's root, where `#/$defs/…` finds them.
 */

type ResponseTool = { name: string; wrapped: boolean };
export type ToolRequest = Pick<MessageCreateParamsBase, 'tools' | 'tool_choice'> & { responseTool: ResponseTool | null };

// Schemas are nested at most 64 levels (json-schema.ts); deeper than that is left as it is.
const MAX_REBASE_DEPTH = 80;
// Keywords whose values are data, where a "$ref" is just a string; and those whose keys are names, not keywords.
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

const rebaseRef = (ref: string) => (ref === '#' || (ref.startsWith('#/') && !/^#\/(\$defs|definitions)(\/|$)/.test(ref)) ? `#/properties/value${ref.slice(1)}` : ref);

/** A copy of a schema part whose root refs point at the wrapped `value`. */
function rebase(node: unknown, depth = 0, names = false): unknown {
  if (depth > MAX_REBASE_DEPTH || typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return node.map((item) => rebase(item, depth + 1));
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (names) return [key, rebase(value, depth + 1)];
      if (key === '$ref' && typeof value === 'string') return [key, rebaseRef(value)];
      return [key, DATA_KEYWORDS.has(key) ? value : rebase(value, depth + 1, NAME_MAPS.has(key))];
    }),
  );
}

const isObjectSchema = (schema: Record<string, unknown>) => schema.type === 'object' || (schema.type === undefined && typeof schema.properties === 'object');

/** The request's tools and tool_choice, and which tool (if any) carries the structured reply. */
export function toolRequest({ tools = [], responseSchema }: GenerationParams): ToolRequest {
  const defined: Tool[] = tools.map(({ name, description, parameters }) => ({
    name,
    input_schema: { type: 'object', ...parameters },
    ...(description && { description }),
  }));
  if (!responseSchema) return defined.length > 0 ? { tools: defined, responseTool: null } : { responseTool: null };

  const taken = new Set(tools.map((t) => t.name));
  const name = taken.has(responseSchema.name) ? `${responseSchema.name.slice(0, 58)}_reply` : responseSchema.name;
  const wrapped = !isObjectSchema(responseSchema.schema);
  const { $defs, definitions, ...rest } = responseSchema.schema;
  const inputSchema: Tool.InputSchema = wrapped
    ? {
        type: 'object',
        properties: { value: rebase(rest) },
        required: ['value'],
        ...($defs !== undefined && { $defs: rebase($defs, 0, true) }),
        ...(definitions !== undefined && { definitions: rebase(definitions, 0, true) }),
      }
    : { type: 'object', ...responseSchema.schema };
  const reply: Tool = { name, description: 'Give your reply as this tool\'s input: JSON matching its schema.', input_schema: inputSchema };
  return {
    tools: [...defined, reply],
    // With other tools on offer the model may call one of them instead, as it could with OpenAI's response_format.
    tool_choice: defined.length > 0 ? { type: 'any' } : { type: 'tool', name },
    responseTool: { name, wrapped },
  };
}

/** The reply text of a wrapped schema: the JSON of `value`, or the raw text when it does not parse. */
function unwrap(json: string): string {
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'object' && parsed !== null && 'value' in parsed) return JSON.stringify(parsed.value);
  } catch {
    // the output check reports it
  }
  return json;
}

const jsonOf = (input: unknown) => JSON.stringify(input ?? {});

/** A finished message's blocks: the text (or the reply tool's JSON) and the tool calls. */
export function readBlocks(content: ContentBlock[], tools: ToolRequest, maxChars: number | undefined) {
  const output = createOutputCollector(maxChars);
  const calls = createToolCallCollector(maxChars);
  let replied = false;
  content.forEach((block, index) => {
    if (block?.type === 'text' && typeof block.text === 'string') output.add(block.text);
    if (block?.type !== 'tool_use') return;
    if (block.name === tools.responseTool?.name) {
      replied = true;
      const json = jsonOf(block.input);
      output.add(tools.responseTool.wrapped ? unwrap(json) : json);
    } else calls.add(index, { id: block.id, name: block.name, arguments: jsonOf(block.input) });
  });
  return { output, calls, replied };
}

type OpenBlock = { kind: 'reply' | 'call'; input: unknown; fragments: number; buffer: string[] };

/**
 * Follows a stream's tool_use blocks: the reply tool's JSON streams as output text (whole at the end when
 * wrapped), other calls are collected. `add*` return false once output or calls reach their limit.
 */
export function createToolStreamReader(tools: ToolRequest, output: OutputCollector, emit: (text: string) => void, maxChars: number | undefined) {
  const calls: ToolCallCollector = createToolCallCollector(maxChars);
  const open = new Map<number, OpenBlock>();
  const wrappedBuffer = createOutputCollector(maxChars);
  let replied = false;

  const replyText = (text: string) => {
    if (tools.responseTool?.wrapped) wrappedBuffer.add(text);
    else emit(output.add(text));
    return !output.truncated && !wrappedBuffer.truncated;
  };

  return {
    start(index: number, block: { type?: unknown; id?: unknown; name?: unknown; input?: unknown }): boolean {
      if (block.type !== 'tool_use') return true;
      const kind = block.name === tools.responseTool?.name ? 'reply' : 'call';
      open.set(index, { kind, input: block.input, fragments: 0, buffer: [] });
      if (kind === 'reply') replied = true;
      return kind === 'reply' || calls.add(index, { id: block.id, name: block.name });
    },
    delta(index: number, partialJson: unknown): boolean {
      const block = open.get(index);
      if (!block || typeof partialJson !== 'string' || !partialJson) return true;
      block.fragments += 1;
      return block.kind === 'reply' ? replyText(partialJson) : calls.add(index, { arguments: partialJson });
    },
    stop(index: number): boolean {
      const block = open.get(index);
      if (!block) return true;
      open.delete(index);
      // A call without input deltas (no parameters) still has its input: {}.
      if (block.fragments === 0 && (block.kind === 'call' ? !calls.add(index, { arguments: jsonOf(block.input) }) : !replyText(jsonOf(block.input)))) return false;
      if (block.kind === 'reply' && tools.responseTool?.wrapped) emit(output.add(unwrap(wrappedBuffer.text)));
      return !output.truncated;
    },
    get calls(): ToolCall[] {
      return calls.calls;
    },
    get truncated() {
      return calls.truncated || wrappedBuffer.truncated;
    },
    get replied() {
      return replied;
    },
  };
}

/** A reply through the response tool ended with stop_reason tool_use: to the caller it is a finished reply. */
export const finishReasonOf = (stopReason: string | null, replied: boolean, calls: ToolCall[]) =>
  stopReason === 'tool_use' && replied && calls.length === 0 ? 'end_turn' : stopReason;
