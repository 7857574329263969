import type { TemplateMessage } from '@/lib/prompts/schemas';
import { isRecord } from './read-file';
import type { Skipped } from './source';

const ROLES = new Set(['system', 'developer', 'user', 'assistant']);

/** Text of a message's content: a string, or the text parts of a list (`{ type: 'text' | 'input_text', text }`). */
export function contentText(content: unknown, what: string, skipped: Skipped[]): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const texts: string[] = [];
  content.forEach((part, i) => {
    if (typeof part === 'string') texts.push(part);
    else if (isRecord(part) && typeof part.text === 'string') texts.push(part.text);
    else skipped.push({ what: `${what}.content.${i}${isRecord(part) && typeof part.type === 'string' ? ` (\`${part.type}\`)` : ''}`, why: 'PromptLab templates hold text only' });
  });
  return texts.join('\n');
}

/**
 * Turns a list of chat messages into template turns: `developer` becomes `system`, placeholders and non-text parts
 * are reported. Null (with the reason in `skipped`) when nothing usable is left.
 */
export function toTemplateMessages(list: unknown[], what: string, skipped: Skipped[]): TemplateMessage[] | null {
  const messages: TemplateMessage[] = [];
  list.forEach((raw, i) => {
    const at = `${what}.${i}`;
    if (isRecord(raw) && raw.type === 'placeholder') {
      skipped.push({ what: `${at} (placeholder \`${String(raw.name)}\`)`, why: 'PromptLab templates have no message placeholders: add the turns to the template' });
      return;
    }
    if (!isRecord(raw) || typeof raw.role !== 'string' || !ROLES.has(raw.role)) {
      skipped.push({ what: at, why: 'a message needs a `role` of system, user or assistant' });
      return;
    }
    const content = contentText(raw.content, at, skipped);
    if (content === null) return void skipped.push({ what: at, why: 'the message has no text content' });
    messages.push({ role: raw.role === 'developer' ? 'system' : (raw.role as TemplateMessage['role']), content });
  });
  if (!messages.some((m) => m.role === 'user' && m.content.trim() !== '')) {
    skipped.push({ what, why: 'a chat template needs a user message with some text' });
    return null;
  }
  return messages;
}

/** A prompt string that is a JSON list of chat messages (promptfoo's chat format); undefined when it is plain text. */
export function chatMessages(body: string, what: string, skipped: Skipped[]): TemplateMessage[] | null | undefined {
  const trimmed = body.trim();
  if (!trimmed.startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  return Array.isArray(parsed) ? toTemplateMessages(parsed, what, skipped) : undefined;
}

export const textVersion = (body: string) => ({ userPrompt: body });
