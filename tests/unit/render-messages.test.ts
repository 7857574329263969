import { describe, expect, it } from 'vitest';
import { renderMessages, RenderTooLargeError, TemplateRenderError, type VariableDef } from '@/lib/templates';

const v = (name: string, extra: Partial<VariableDef> = {}): VariableDef => ({ name, type: 'string', required: true, ...extra });

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('renderMessages', () => {
  it('renders every turn with the same values, keeping roles and order', () => {
    const result = renderMessages(
      [
        { role: 'system', content: 'Answer in {{ lang }}.' },
        { role: 'user', content: 'Translate: cat' },
        { role: 'assistant', content: 'chat ({{ lang }})' },
        { role: 'user', content: 'Translate: {{ word }}' },
      ],
      [v('lang'), v('word')],
      { lang: 'French', word: 'dog' },
    );
    expect(result).toEqual({
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Translate: cat' },
        { role: 'assistant', content: 'chat (French)' },
        { role: 'user', content: 'Translate: dog' },
      ],
      values: { lang: 'French', word: 'dog' },
    });
  });

  it('reports a variable used in a later turn but not declared, and a missing one, together', () => {
    const error = errorOf(() =>
      renderMessages(
        [
          { role: 'user', content: '{{ a }}' },
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: '{{ b }}' },
        ],
        [v('a')],
        {},
      ),
    );
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect((error as TemplateRenderError).issues).toEqual([
      { variable: 'b', message: 'variable `b` is used in the template but not declared' },
      { variable: 'a', message: 'variable `a` is required' },
    ]);
  });

  it('labels a syntax error with its turn', () => {
    const error = errorOf(() =>
      renderMessages(
        [
          { role: 'user', content: 'fine' },
          { role: 'assistant', content: 'broken {{ x' },
        ],
        [],
        {},
      ),
    );
    expect((error as TemplateRenderError).issues[0]?.message).toMatch(/^message 2 \(assistant\): .* is not closed/);
  });

  it('holds all turns together to the byte cap', () => {
    const turns = [
      { role: 'user', content: '{{ x }}' },
      { role: 'assistant', content: '{{ x }}' },
    ];
    // Each turn alone fits in 10 bytes; together they do not.
    expect(renderMessages(turns.slice(0, 1), [v('x')], { x: '123456' }, { maxRenderedBytes: 10 }).messages).toHaveLength(1);
    const error = errorOf(() => renderMessages(turns, [v('x')], { x: '123456' }, { maxRenderedBytes: 10 }));
    expect(error).toBeInstanceOf(RenderTooLargeError);
    expect((error as RenderTooLargeError).bytes).toBe(12);
  });
});

describe('renderRunMessages', () => {
  it('drops every turn that renders empty or blank, not only system ones', async () => {
    const { renderRunMessages } = await import('@/lib/runs/render-messages');
    const source = {
      messages: [
        { role: 'system' as const, content: '{{ rules }}' },
        { role: 'user' as const, content: 'Example: {{ example }}' },
        { role: 'assistant' as const, content: '{{ answer }}' },
        { role: 'user' as const, content: '  {{ extra }}\n' },
        { role: 'user' as const, content: '{{ question }}' },
      ],
      variables: ['rules', 'example', 'answer', 'extra', 'question'].map((name) => v(name, { required: false })),
    };
    const { messages } = renderRunMessages(source, { rules: ' ', example: 'hi', answer: '', extra: '', question: 'Why?' });
    expect(messages).toEqual([
      { role: 'user', content: 'Example: hi' },
      { role: 'user', content: 'Why?' },
    ]);
  });

  it('refuses a run whose user turns all render empty, at the variables field', async () => {
    const { renderRunMessages } = await import('@/lib/runs/render-messages');
    const source = {
      messages: [
        { role: 'assistant' as const, content: 'Hello' },
        { role: 'user' as const, content: '{{ question }}' },
      ],
      variables: [v('question', { required: false })],
    };
    const error = errorOf(() => renderRunMessages(source, { question: ' \n' }));
    expect(error).toMatchObject({ status: 422, details: { fields: [{ path: 'variables' }] } });
  });
});
