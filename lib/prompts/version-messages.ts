import type { TemplateMessage } from './schemas';

type Templates = { systemPrompt: string; userPrompt: string; messages: TemplateMessage[] | null };

/** A version's templates as turns: its chat messages, or [system, user] (no system turn when it is empty). */
export function versionMessages(version: Templates): TemplateMessage[] {
  if (version.messages) return version.messages;
  return [...(version.systemPrompt ? [{ role: 'system' as const, content: version.systemPrompt }] : []), { role: 'user', content: version.userPrompt }];
}

/** The two-field view of a chat template that readers of systemPrompt/userPrompt still get. */
export function promptsOfMessages(messages: TemplateMessage[]): { systemPrompt: string; userPrompt: string } {
  const leading = [];
  for (const message of messages) {
    if (message.role !== 'system') break;
    leading.push(message.content);
  }
  const lastUser = messages.findLast((message) => message.role === 'user');
  return { systemPrompt: leading.join('\n\n'), userPrompt: lastUser?.content ?? '' };
}

/** The simple form of turns that are just an optional system turn and one user turn; null for anything else. */
export function simpleForm(messages: TemplateMessage[]): { systemPrompt: string; userPrompt: string } | null {
  const [first, second, ...rest] = messages;
  if (rest.length > 0 || !first) return null;
  if (!second) return first.role === 'user' ? { systemPrompt: '', userPrompt: first.content } : null;
  return first.role === 'system' && second.role === 'user' ? { systemPrompt: first.content, userPrompt: second.content } : null;
}
