import 'server-only';
import type { ChatMessage } from '@/lib/llm/types';
import { renderRunMessages } from '@/lib/runs/render-messages';
import type { RenderPromptBody } from './schemas';
import { resolvePrompt } from './resolve-prompt';

type AnthropicMessage = { role: 'user' | 'assistant'; content: string };

/** The rendered turns in Anthropic's Messages shape: system turns joined into `system`, as its provider sends them. */
export function anthropicShape(messages: ChatMessage[]): { system: string; messages: AnthropicMessage[] } {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  return { system, messages: messages.flatMap((m) => (m.role === 'system' ? [] : [{ role: m.role, content: m.content }])) };
}

/** Resolves the slug and renders its version with the variables, validated exactly as a run's (the same 422s). */
export async function renderPromptBySlug(args: { workspaceId: string; slug: string } & RenderPromptBody) {
  const { variables, ...request } = args;
  const resolution = await resolvePrompt(request);
  const { messages } = renderRunMessages(resolution.version, variables);
  return {
    versionNumber: resolution.version.versionNumber,
    label: resolution.label,
    openai: { messages },
    anthropic: anthropicShape(messages),
    model: resolution.version.model,
  };
}
