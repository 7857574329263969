import 'server-only';
import { toAnthropicMessages } from '@/lib/llm/anthropic-messages';
import { renderRunMessages } from '@/lib/runs/render-messages';
import type { RenderPromptBody } from './schemas';
import { resolvePrompt } from './resolve-prompt';

/** Resolves the slug and renders its version with the variables, validated exactly as a run's (the same 422s). */
export async function renderPromptBySlug(args: { workspaceId: string; slug: string } & RenderPromptBody) {
  const { variables, ...request } = args;
  const resolution = await resolvePrompt(request);
  const { messages } = renderRunMessages(resolution.version, variables);
  return {
    versionNumber: resolution.version.versionNumber,
    label: resolution.label,
    openai: { messages },
    // What the Anthropic provider itself sends.
    anthropic: toAnthropicMessages(messages),
    model: resolution.version.model,
  };
}
