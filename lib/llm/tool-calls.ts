import 'server-only';
import { DEFAULT_MAX_OUTPUT_CHARS, sliceWhole } from './stream-output';
import type { ToolCall } from './types';

/** Tool calls kept from one reply, whatever an endpoint sends: bounded in number and in text. */
export const MAX_TOOL_CALLS = 64;
const MAX_ID_CHARS = 200;
const MAX_NAME_CHARS = 64;

export type ToolCallCollector = {
  /**
   * Adds to call `index`: its id and name when they arrive, and a fragment of its arguments. Returns false once
   * the calls no longer fit (too many, or arguments beyond the character budget): the caller stops reading.
   */
  add(index: number, part: { id?: unknown; name?: unknown; arguments?: unknown }): boolean;
  readonly calls: ToolCall[];
  readonly truncated: boolean;
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The arguments of all calls share one budget, the reply's output limit, so tool calls cost what text would. */
export function createToolCallCollector(maxChars: number = DEFAULT_MAX_OUTPUT_CHARS): ToolCallCollector {
  const byIndex = new Map<number, { id: string; name: string; parts: string[] }>();
  let length = 0;
  let truncated = false;
  return {
    add(index, part) {
      if (truncated) return false;
      let call = byIndex.get(index);
      if (!call) {
        if (byIndex.size >= MAX_TOOL_CALLS || !Number.isSafeInteger(index)) {
          truncated = true;
          return false;
        }
        call = { id: '', name: '', parts: [] };
        byIndex.set(index, call);
      }
      call.id ||= sliceWhole(text(part.id), MAX_ID_CHARS);
      call.name ||= sliceWhole(text(part.name), MAX_NAME_CHARS);
      const fragment = text(part.arguments);
      if (length + fragment.length > maxChars) {
        call.parts.push(sliceWhole(fragment, maxChars - length));
        length = maxChars;
        truncated = true;
        return false;
      }
      if (fragment) call.parts.push(fragment);
      length += fragment.length;
      return true;
    },
    get calls() {
      return [...byIndex.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, call]) => ({ id: call.id || `call_${index}`, name: call.name, arguments: call.parts.join('') }));
    },
    get truncated() {
      return truncated;
    },
  };
}

/** Whole tool calls (a non-streamed reply), through the same bounds. */
export function boundedToolCalls(calls: { id?: unknown; name?: unknown; arguments?: unknown }[], maxChars?: number) {
  const collector = createToolCallCollector(maxChars);
  for (const [index, call] of calls.entries()) if (!collector.add(index, call)) break;
  return collector;
}
