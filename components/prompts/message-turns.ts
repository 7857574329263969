import type { TemplateMessage } from '@/lib/prompts/schemas';

export type Role = TemplateMessage['role'];
export const ROLES: readonly Role[] = ['system', 'user', 'assistant'];

/**
 * The roles turn `index` may take without breaking "system turns come first": system only while every earlier
 * turn is one, user or assistant only while no later turn is a system turn.
 */
export function allowedRoles(messages: readonly TemplateMessage[], index: number): Role[] {
  const systemAllowed = messages.slice(0, index).every((m) => m.role === 'system');
  const turnAllowed = messages.slice(index + 1).every((m) => m.role !== 'system');
  return ROLES.filter((role) => (role === 'system' ? systemAllowed : turnAllowed));
}

/** Whether swapping turn `index` with its neighbour keeps the system turns first. */
export function canMove(messages: readonly TemplateMessage[], index: number, by: -1 | 1): boolean {
  const other = messages[index + by];
  const self = messages[index];
  if (!other || !self) return false;
  const [upper, lower] = by === -1 ? [other, self] : [self, other];
  // After the swap `lower` comes first: a conversation turn must not land above a system turn.
  return !(upper.role === 'system' && lower.role !== 'system');
}

/** A few-shot chat alternates: after a user turn comes the assistant's answer, otherwise the user speaks. */
export function nextRole(messages: readonly TemplateMessage[]): Role {
  return messages.at(-1)?.role === 'user' ? 'assistant' : 'user';
}

/** `list` with the items at `index` and `index + by` swapped. */
export function swapped<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const next = [...list];
  const a = next[index];
  const b = next[index + by];
  if (a === undefined || b === undefined) return next;
  next[index] = b;
  next[index + by] = a;
  return next;
}
