import type { TemplateMessage } from '@/lib/prompts/schemas';
import type { Draft } from './draft';
import { modelFormErrors } from './model-form-errors';

/** The chat rules the server applies on save, said where they are broken (empty system turns are dropped, so skipped). */
function messageErrors(messages: TemplateMessage[]): Record<string, string> {
  const errors: Record<string, string> = {};
  let seenTurn = false;
  messages.forEach((message, i) => {
    if (message.role === 'system' && message.content === '') return;
    if (message.role === 'system' && seenTurn) errors[`messages.${i}.role`] = 'System messages must come before the conversation.';
    if (message.role !== 'system') seenTurn = true;
  });
  if (!messages.some((m) => m.role === 'user' && m.content.trim() !== '')) errors.messages = 'Add a user message with some text.';
  return errors;
}

/**
 * What would stop a save, found in the browser before anything is sent, keyed by the API's field paths
 * (`userPrompt`, `messages.2.role`, `model.temperature`): the server's details.fields use the same keys.
 */
export function draftErrors(draft: Draft): Record<string, string> {
  const templates = draft.messages ? messageErrors(draft.messages) : draft.userPrompt === '' ? { userPrompt: 'Required.' } : {};
  const model = Object.fromEntries(Object.entries(modelFormErrors(draft.model)).map(([path, message]) => [`model.${path}`, message]));
  return { ...templates, ...model };
}
