import { describe, expect, it } from 'vitest';
import { javascriptEvaluator } from '@/lib/evaluators/javascript';
import { parseEvaluatorSpecs } from '@/lib/evaluators/registry';
import { parseImport } from '@/lib/interop/parse-import';
import { evalContext } from './evaluator-context';

const CONFIG = `
prompts: ['Capital of {{country}}?']
tests:
  - vars: { country: France }
    assert: [{ type: contains, value: Paris }]
  - vars: { country: Japan }
    assert: [{ type: icontains, value: tokyo }, { type: not-regex, value: '^I ' }]
  - vars: { country: Peru }
    assert: [{ type: similar, value: Lima }]
`;

describe('promptfoo assertions that only some tests have', () => {
  const source = parseImport('promptfoo', CONFIG);
  const items = source.datasets[0]!.items;
  const spec = source.experiment!.evaluators.find((e) => e.name === 'promptfoo per-test assertions')!;

  it('keeps deterministic ones in each item’s metadata for one JavaScript evaluator, and reports the rest', () => {
    expect(items.map((i) => i.metadata.promptfooAssert)).toEqual([
      [{ type: 'contains', value: 'Paris' }],
      [{ type: 'icontains', value: 'tokyo' }, { type: 'regex', value: '^I ', not: true }],
      undefined,
    ]);
    expect(items.map((i) => i.expected)).toEqual(['Paris', 'tokyo', null]);
    expect(spec.type).toBe('javascript');
    expect(source.skipped.map((s) => s.what)).toContain('tests.2.assert.0 (`similar`)');
  });

  it('compiles, and passes or fails each item on its own checks', async () => {
    await expect(parseEvaluatorSpecs([spec])).resolves.toHaveLength(1);
    const run = (output: string, i: number) => {
      const item = items[i]!;
      return javascriptEvaluator.evaluate(spec.config as { code: string }, evalContext({ output, input: item.input, expected: item.expected, item: { id: `i${i}`, input: item.input, expected: item.expected, metadata: item.metadata } }));
    };
    expect(await run('It is Paris.', 0)).toMatchObject({ pass: true, score: 1 });
    expect(await run('It is Lyon.', 0)).toMatchObject({ pass: false, reason: 'failed: contains "Paris"' });
    expect(await run('TOKYO', 1)).toMatchObject({ pass: true });
    expect(await run('I think Tokyo', 1)).toMatchObject({ pass: false, score: 0.5 });
    expect(await run('anything', 2)).toMatchObject({ pass: true });
  });
});
