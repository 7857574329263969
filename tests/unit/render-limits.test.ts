import { describe, expect, it } from 'vitest';
import { MAX_RENDER_ISSUES, renderPrompt, RenderTooLargeError, TemplateRenderError } from '@/lib/templates/render-template';

const declared = (names: string[]) => names.map((name) => ({ name, type: 'string' as const, required: true }));

describe('rendered size limit', () => {
  it('refuses a render that would exceed the limit without building it', () => {
    // 20,000 × 30,000 characters is past V8's longest string: building it would throw RangeError, not this.
    const input = { systemPrompt: '', userPrompt: '{{a}}'.repeat(20_000), variables: declared(['a']) };
    const attempt = () => renderPrompt(input, { a: 'x'.repeat(30_000) }, { maxRenderedBytes: 1_048_576 });
    expect(attempt).toThrow(RenderTooLargeError);
    expect(attempt).toThrow('the rendered prompt would be 600,000,000 bytes, over the limit of 1,048,576 bytes');
  });

  it('counts UTF-8 bytes of both prompts, text and values, each use of a value', () => {
    const input = { systemPrompt: 'é{{a}}', userPrompt: '{{a}}{{ a }}!', variables: declared(['a']) };
    // 'é' is 2 bytes, '🎉' 4: 2 + 4 + 4 + 4 + 1 = 15.
    expect(renderPrompt(input, { a: '🎉' }, { maxRenderedBytes: 15 })).toMatchObject({ system: 'é🎉', user: '🎉🎉!' });
    expect(() => renderPrompt(input, { a: '🎉' }, { maxRenderedBytes: 14 })).toThrow(RenderTooLargeError);
  });

  it('has no limit unless one is given', () => {
    const input = { systemPrompt: '', userPrompt: '{{a}}{{a}}', variables: declared(['a']) };
    expect(renderPrompt(input, { a: 'x'.repeat(10_000) }).user).toHaveLength(20_000);
  });
});

describe('render issues', () => {
  it('lists at most MAX_RENDER_ISSUES and counts the rest, with long names shortened', () => {
    const values = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`${'k'.repeat(10_000)}${i}`, 'v']));
    let error: TemplateRenderError | undefined;
    try {
      renderPrompt({ systemPrompt: '', userPrompt: 'hi', variables: [] }, values);
    } catch (caught) {
      error = caught as TemplateRenderError;
    }
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error!.issues).toHaveLength(MAX_RENDER_ISSUES);
    expect(error!.message).toContain(`and ${1_000 - MAX_RENDER_ISSUES} more`);
    expect(error!.message.length).toBeLessThan(5_000);
  });
});
