import type { ChatMessage } from './types';

export type AnthropicMessage = { role: 'user' | 'assistant'; content: string };

/**
 * Chat turns in the Messages API's shape: system turns joined into `system` (left out when there are none, as the
 * API wants), the rest in order. The Anthropic provider sends exactly this; the render endpoint answers it.
 */
export function toAnthropicMessages(messages: readonly ChatMessage[]): { system?: string; messages: AnthropicMessage[] } {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const turns = messages.flatMap((m) => (m.role === 'system' ? [] : [{ role: m.role, content: m.content }]));
  return { ...(system && { system }), messages: turns };
}
