import { ApiError } from '@/lib/api/errors';
import { env } from '@/lib/env';
import type { ChatMessage } from '@/lib/llm/types';
import type { RunTemplate, TemplateMessage } from '@/lib/prompts/schemas';
import { versionMessages } from '@/lib/prompts/version-messages';
import { renderMessages, RenderTooLargeError, TemplateRenderError, type VariableDef } from '@/lib/templates';

/** A version (simple or chat) or the template a draft run records. */
type RunSource =
  | { systemPrompt: string; userPrompt: string; messages: TemplateMessage[] | null; variables: VariableDef[] }
  | Pick<RunTemplate, 'messages' | 'variables'>;

const turnsOf = (source: RunSource): TemplateMessage[] =>
  'userPrompt' in source ? versionMessages(source) : source.messages;

/**
 * Renders a version or a draft's template for a run: the messages sent to the model and the resolved variable
 * values. Every failure is a 422 naming the variables; a result over RUN_MAX_RENDERED_BYTES (all turns together)
 * is refused before it is built. Turns that render empty (or only whitespace) are dropped, whatever their role:
 * providers refuse or misread them; if no user turn is left, nothing asks the model anything and the run is refused.
 */
export function renderRunMessages(source: RunSource, variables: Record<string, unknown>): { messages: ChatMessage[]; values: Record<string, unknown> } {
  let rendered;
  try {
    rendered = renderMessages(turnsOf(source), source.variables, variables, { maxRenderedBytes: env().runs.maxRenderedBytes });
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
  const messages = rendered.messages.filter((message) => message.content.trim() !== '');
  if (!messages.some((message) => message.role === 'user')) {
    const message = 'Every user message is empty with these values, so there is nothing to ask the model.';
    throw new ApiError('INVALID_INPUT', message, { fields: [{ path: 'variables', message }] });
  }
  return { messages, values: rendered.values };
}
