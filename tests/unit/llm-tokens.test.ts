import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countChatTokens, countTokens, encodingForModel, estimateUsage } from '@/lib/llm/tokens';
import type { ChatMessage } from '@/lib/llm/types';

describe('tokens', () => {
  it.each([
    [undefined, 'o200k_base'],
    ['gpt-4o-mini', 'o200k_base'],
    ['gpt-4.1', 'o200k_base'],
    ['o3', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['claude-sonnet-4-5', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-turbo-2024-04-09', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['openai/gpt-4-turbo', 'cl100k_base'],
  ])('%s uses %s', (model, encoding) => {
    expect(encodingForModel(model)).toBe(encoding);
  });

  it('counts with the model family’s encoding', () => {
    const text = 'Tokenizers differ between model families: ünïcödé, 漢字, 🎉.';
    expect(countTokens(text)).toBe(o200k.encode(text).length);
    expect(countTokens(text, 'gpt-4')).toBe(cl100k.encode(text).length);
  });

  it('treats special-token text in a prompt as plain text instead of throwing', () => {
    expect(countTokens('before <|endoftext|> after')).toBeGreaterThan(3);
  });

  it('counts a chat as gpt-tokenizer’s encodeChat does', () => {
    const chat: ChatMessage[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Hello there' },
      { role: 'assistant', content: 'Hi.' },
    ];
    expect(countChatTokens(chat)).toBe(o200k.encodeChat(chat, 'gpt-4o').length);
    expect(countChatTokens(chat, 'gpt-4')).toBe(cl100k.encodeChat(chat, 'gpt-4').length);
  });

  it('estimates usage and marks it estimated', () => {
    const chat: ChatMessage[] = [{ role: 'user', content: 'Hello there' }];
    expect(estimateUsage(chat, 'General Kenobi')).toEqual({
      inputTokens: countChatTokens(chat),
      outputTokens: countTokens('General Kenobi'),
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: countChatTokens(chat) + countTokens('General Kenobi'),
      estimated: true,
    });
  });
});
