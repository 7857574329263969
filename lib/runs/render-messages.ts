import { ApiError } from '@/lib/api/errors';
import { env } from '@/lib/env';
import type { ChatMessage } from '@/lib/llm/types';
import { renderPrompt, RenderTooLargeError, TemplateRenderError } from '@/lib/templates';
import type { RenderInput } from '@/lib/templates/render-template';

/**
 * Renders a version for a run: the messages sent to the model and the resolved variable values. Every failure is
 * a 422 naming the variables; a result over RUN_MAX_RENDERED_BYTES is refused before it is built.
 */
export function renderRunMessages(version: RenderInput, variables: Record<string, unknown>): { messages: ChatMessage[]; values: Record<string, unknown> } {
  let rendered;
  try {
    rendered = renderPrompt(version, variables, { maxRenderedBytes: env().runs.maxRenderedBytes });
  } catch (error) {
    if (error instanceof TemplateRenderError) {
      const named = error.issues.filter((issue) => issue.variable);
      const fields = named.map((issue) => ({ path: `variables.${issue.variable}`, message: issue.message }));
      throw new ApiError('INVALID_INPUT', error.message, { fields });
    }
    if (error instanceof RenderTooLargeError) {
      const message = `${error.message} (RUN_MAX_RENDERED_BYTES)`;
      throw new ApiError('INVALID_INPUT', message, { fields: [{ path: 'variables', message }] });
    }
    throw error;
  }
  const messages: ChatMessage[] = [
    ...(rendered.system.trim() ? [{ role: 'system' as const, content: rendered.system }] : []),
    { role: 'user', content: rendered.user },
  ];
  return { messages, values: rendered.values };
}
