import { describe, expect, it } from 'vitest';
import { diffVersions, MAX_DIFF_LINES, type VersionContent } from '@/lib/diff/version-diff';
import type { TemplateMessage } from '@/lib/prompts/schemas';

const model = { provider: 'local', model: 'echo' };
const simple = (systemPrompt: string, userPrompt: string): VersionContent => ({
  systemPrompt,
  userPrompt,
  variables: [],
  model,
  format: 'simple',
  messages: [...(systemPrompt ? [{ role: 'system' as const, content: systemPrompt }] : []), { role: 'user', content: userPrompt }],
});
const chat = (messages: TemplateMessage[]): VersionContent => ({
  systemPrompt: messages[0]?.role === 'system' ? messages[0].content : '',
  userPrompt: messages.findLast((m) => m.role === 'user')?.content ?? '',
  variables: [],
  model,
  format: 'chat',
  messages,
});

const sys = (content: string): TemplateMessage => ({ role: 'system', content });
const user = (content: string): TemplateMessage => ({ role: 'user', content });
const bot = (content: string): TemplateMessage => ({ role: 'assistant', content });

describe('diffVersions: chat templates', () => {
  it('answers no messages part when both versions are simple', () => {
    const diff = diffVersions(simple('a', 'b'), simple('a', 'c'));
    expect(diff.messages).toBeNull();
    expect(diff.userPrompt.added).toBe(1);
  });

  it('shows an inserted few-shot pair as two added turns, the rest the same', () => {
    const diff = diffVersions(chat([sys('Be brief.'), user('{{ q }}')]), chat([sys('Be brief.'), user('2+2?'), bot('4'), user('{{ q }}')]));
    expect(diff.messages?.map((t) => [t.kind, t.oldIndex, t.newIndex])).toEqual([
      ['same', 0, 0],
      ['added', null, 1],
      ['added', null, 2],
      ['same', 1, 3],
    ]);
    expect(diff.messages?.[2]).toMatchObject({ role: { from: null, to: 'assistant' }, content: { added: 1, removed: 0 } });
    expect(diff.identical).toBe(false);
  });

  it('pairs a rewritten turn with its counterpart as changed, with a line diff of its content', () => {
    const diff = diffVersions(chat([user('hello\nworld'), bot('x')]), chat([user('hello\nthere'), bot('x')]));
    expect(diff.messages?.[0]).toMatchObject({ kind: 'changed', oldIndex: 0, newIndex: 0, role: { from: 'user', to: 'user' } });
    expect(diff.messages?.[0]?.content.lines.map((l) => [l.kind, l.text])).toEqual([
      ['same', 'hello'],
      ['removed', 'world'],
      ['added', 'there'],
    ]);
    expect(diff.messages?.[1]?.kind).toBe('same');
  });

  it('reports a removed turn', () => {
    const diff = diffVersions(chat([user('a'), bot('b'), user('c')]), chat([user('c')]));
    expect(diff.messages?.map((t) => t.kind)).toEqual(['removed', 'removed', 'same']);
    expect(diff.messages?.[1]).toMatchObject({ oldIndex: 1, newIndex: null, content: { added: 0, removed: 1 } });
  });

  it('compares a simple version with a chat one by their turns', () => {
    expect(diffVersions(simple('s', 'u'), chat([sys('s'), user('u')])).identical).toBe(true);
    const diff = diffVersions(simple('', 'u'), chat([user('few'), bot('shot'), user('u')]));
    expect(diff.messages?.map((t) => t.kind)).toEqual(['added', 'added', 'same']);
    expect(diff.identical).toBe(false);
  });

  it('compares no content when the turns together are too long, and says so on each turn', () => {
    const half = Array.from({ length: MAX_DIFF_LINES / 2 + 1 }, (_, i) => `line ${i}`).join('\n');
    const diff = diffVersions(chat([user(half), bot(half)]), chat([user(half), bot('short')]));
    expect(diff.messages?.every((t) => t.content.tooLarge && t.content.lines.length === 0)).toBe(true);
    expect(diff.messages?.[1]).toMatchObject({ kind: 'changed', content: { lineCounts: { old: MAX_DIFF_LINES / 2 + 1, new: 1 } } });
    expect(diff.identical).toBe(false);
  });
});
