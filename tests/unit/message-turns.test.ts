import { describe, expect, it } from 'vitest';
import { allowedRoles, canMove, nextRole, swapped } from '@/components/prompts/message-turns';
import type { TemplateMessage } from '@/lib/prompts/schemas';

const turns = (...roles: TemplateMessage['role'][]): TemplateMessage[] => roles.map((role, i) => ({ role, content: `m${i}` }));

describe('chat template turns', () => {
  it('allows system only where every earlier turn is one, and a conversation turn only where no system turn follows', () => {
    const messages = turns('system', 'user', 'assistant');
    expect(allowedRoles(messages, 0)).toEqual(['system', 'user', 'assistant']);
    expect(allowedRoles(messages, 1)).toEqual(['system', 'user', 'assistant']);
    expect(allowedRoles(messages, 2)).toEqual(['user', 'assistant']);
    expect(allowedRoles(turns('system', 'system', 'user'), 0)).toEqual(['system']);
  });

  it('never moves a conversation turn above a system turn', () => {
    const messages = turns('system', 'system', 'user', 'assistant');
    expect(canMove(messages, 1, -1)).toBe(true);
    expect(canMove(messages, 2, -1)).toBe(false);
    expect(canMove(messages, 1, 1)).toBe(false);
    expect(canMove(messages, 2, 1)).toBe(true);
    expect(canMove(messages, 0, -1)).toBe(false);
    expect(canMove(messages, 3, 1)).toBe(false);
  });

  it('suggests the assistant after a user turn, else the user', () => {
    expect(nextRole(turns('system'))).toBe('user');
    expect(nextRole(turns('system', 'user'))).toBe('assistant');
    expect(nextRole(turns('user', 'assistant'))).toBe('user');
    expect(nextRole([])).toBe('user');
  });

  it('swaps neighbours and leaves the list alone at its ends', () => {
    expect(swapped(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(swapped(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
