import { describe, expect, it } from 'vitest';
import { draftFromVersion } from '@/app/(workspace)/prompts/[id]/_components/draft';
import { contentToState, stateToContent, type EditorState } from '@/app/(workspace)/prompts/[id]/_components/draft-content';
import { pickRestoreOffer, restoreOfferText } from '@/app/(workspace)/prompts/[id]/_components/draft-restore';
import type { LocalDraft } from '@/app/(workspace)/prompts/[id]/_components/draft-storage';
import { version } from '../fixtures/editor-version';

const current = version({ versionNumber: 3 });
const edited = (userPrompt: string): EditorState => ({ draft: { ...draftFromVersion(current), userPrompt }, notes: 'wip', values: { text: 'hello' } });
const local = (userPrompt: string, updatedAt: string, baseVersionNumber = 3): LocalDraft => ({ state: edited(userPrompt), updatedAt, baseVersionNumber });
const server = (userPrompt: string, updatedAt: string, baseVersionNumber = 3) => ({
  content: stateToContent(edited(userPrompt)),
  updatedAt,
  baseVersionNumber,
});

describe('pickRestoreOffer', () => {
  it('offers nothing without a saved draft, or when the saved draft equals the current version', () => {
    expect(pickRestoreOffer({ server: null, local: null, current })).toBeNull();
    expect(pickRestoreOffer({ server: null, local: local(current.userPrompt, '2026-12-01T11:00:00Z'), current })).toBeNull();
  });

  it('offers the newer of the server draft (another device) and the local one', () => {
    const fromServer = pickRestoreOffer({ server: server('server text', '2026-12-01T11:05:00Z'), local: local('local text', '2026-12-01T11:00:00Z'), current });
    expect(fromServer).toMatchObject({ source: 'server', stale: false, updatedAt: '2026-12-01T11:05:00Z' });
    expect(fromServer?.state.draft.userPrompt).toBe('server text');
    expect(fromServer?.state.notes).toBe('wip');
    const fromLocal = pickRestoreOffer({ server: server('server text', '2026-12-01T11:00:00Z'), local: local('local text', '2026-12-01T11:05:00Z'), current });
    expect(fromLocal?.source).toBe('local');
    expect(fromLocal?.state.draft.userPrompt).toBe('local text');
  });

  it('offers nothing when the newest copy is back to the current version, even if an older one differs', () => {
    expect(pickRestoreOffer({ server: server('old edit', '2026-12-01T11:00:00Z'), local: local(current.userPrompt, '2026-12-01T11:05:00Z'), current })).toBeNull();
  });

  it('says when the draft was based on an older version than the current one', () => {
    const offer = pickRestoreOffer({ server: server('edit', '2026-12-01T11:00:00Z', 2), local: null, current });
    expect(offer?.stale).toBe(true);
    const text = restoreOfferText(offer!, Date.parse('2026-12-01T11:02:00Z'), 3);
    expect(text.title).toBe('Restore draft from 2 minutes ago');
    expect(text.detail).toContain('based on version 2; version 3 has been saved since');
  });

  it('reads "a moment ago" rather than "from just now"', () => {
    const offer = pickRestoreOffer({ server: null, local: local('x', '2026-12-01T11:00:00Z'), current })!;
    expect(restoreOfferText(offer, Date.parse('2026-12-01T11:00:10Z'), 3)).toEqual({ title: 'Restore draft from a moment ago', detail: null });
  });
});

describe('server draft content', () => {
  it('keeps what the server accepts and leaves out a half-typed setting, not the whole draft', () => {
    const state = edited('Hi {{ name }}');
    state.draft.model = { ...state.draft.model, temperature: '5', topP: '0.5', responseSchema: { name: 'r', schema: '{ broken', strict: false } };
    const content = stateToContent(state);
    expect(content.userPrompt).toBe('Hi {{ name }}');
    expect(content.model).toEqual({ provider: 'openai', model: 'gpt-4o-mini', topP: 0.5 });
    expect(content.values).toEqual({ text: 'hello' });
  });

  it('sends chat turns instead of the pair, and reads them back in chat mode', () => {
    const messages = [
      { role: 'user' as const, content: 'Q' },
      { role: 'assistant' as const, content: 'A' },
      { role: 'user' as const, content: '{{ q }}' },
    ];
    const state: EditorState = { draft: { ...draftFromVersion(current), messages }, notes: '', values: { flag: true } };
    const content = stateToContent(state);
    expect(content).not.toHaveProperty('userPrompt');
    expect(content.messages).toEqual(messages);
    const back = contentToState({ ...content, variables: [{ name: 'flag', type: 'boolean', required: false }] }, current);
    expect(back.draft.messages).toEqual(messages);
    expect(back.values).toEqual({ flag: true });
  });

  it('fills what a saved draft lacks from the current version', () => {
    const back = contentToState({ userPrompt: 'only this' }, current);
    expect(back.draft).toMatchObject({ systemPrompt: current.systemPrompt, userPrompt: 'only this', messages: null });
    expect(back.draft.model.provider).toBe('openai');
  });
});
