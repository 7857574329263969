import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

// A json variable's text is parsed after the body check: an escaped NUL or lone surrogate ("\u0000" written as
// six characters) passes that check, and its parsed form must still be refused before it reaches runs.variables.

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let promptId: string;

beforeAll(async () => {
  pipeline = await startRunPipeline();
  alice = await createTestUser();
  const created = await pipeline.createPrompt(alice, {
    userPrompt: 'Use {{ data }}',
    variables: [{ name: 'data', type: 'json' }],
  });
  promptId = created.id;
});

afterAll(async () => {
  await pipeline?.close();
});

describe('POST /api/v1/runs with a json variable', () => {
  it.each([
    ['an escaped NUL string', '"\\u0000"', /NUL/],
    ['an escaped lone surrogate', '"\\ud800"', /surrogate/],
    ['a NUL nested in an array', '{"items":["ok","a\\u0000b"]}', /NUL/],
    ['a lone surrogate in an object key', '{"k\\udc00":1}', /surrogate/],
  ])('answers 422 naming `variables.data` for %s', async (_what, text, reason) => {
    const res = await pipeline.startRun(alice, { promptId, variables: { data: text } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details?.fields).toEqual([{ path: 'variables.data', message: expect.stringMatching(reason) }]);
  });

  it('answers 422 when a saved json default parses to a NUL', async () => {
    const withDefault = await pipeline.createPrompt(alice, {
      userPrompt: 'Use {{ cfg }}',
      variables: [{ name: 'cfg', type: 'json', required: false, default: '"\\u0000"' }],
    });
    const res = await pipeline.startRun(alice, { promptId: withDefault.id });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/^default for `cfg`: the string contains a NUL/);
    expect(res.body.error.details?.fields).toEqual([{ path: 'variables.cfg', message: expect.stringMatching(/NUL/) }]);
  });

  it('says where in the value the bad text is', async () => {
    const res = await pipeline.startRun(alice, { promptId, variables: { data: '{"items":["ok","a\\u0000b"]}' } });
    expect(res.body.error.message).toBe('variable `data`: the string at `items.1` contains a NUL character (U+0000): remove it');
  });

  it('still accepts escaped text that is valid Unicode', async () => {
    const res = await pipeline.startRun(alice, { promptId, variables: { data: '{"emoji":"\\ud83c\\udf89","tab":"\\t"}' } });
    expect(res.status).toBe(202);
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run.variables).toEqual({ data: { emoji: '🎉', tab: '\t' } });
  });
});
