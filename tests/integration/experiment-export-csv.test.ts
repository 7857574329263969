import Papa from 'papaparse';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as exportRoute from '@/app/api/v1/experiments/[id]/export/route';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import { getDb } from '@/db/client';
import * as reads from '@/db/queries/experiment-reads';
import { experiments } from '@/db/schema';
import type { ResolvedVariant } from '@/lib/experiments/types';
import { BASE, call, createTestUser, type TestUser } from './helpers';
import { createPromptFor, seedExperiment } from './experiments-read-fixture';

// The CSV export held every snapshot item in memory and made a column of every key any item had. Now items are
// read page by page beside the cells, and the input columns are the variants' declared variables (at most 200).

vi.mock('@/db/queries/experiment-reads', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/db/queries/experiment-reads')>();
  return { ...original, listExperimentItems: vi.fn(original.listExperimentItems) };
});

let alice: TestUser;
beforeAll(async () => {
  alice = await createTestUser();
});

const download = async (id: string) => {
  const res = await exportRoute.GET(new Request(`${BASE}/api/v1/experiments/${id}/export?format=csv`, { headers: alice.headers }), { params: Promise.resolve({ id }) });
  expect(res.status).toBe(200);
  return res;
};

async function promptWith(variables: string[]) {
  const res = await call(promptsRoute.POST, {
    method: 'POST',
    headers: alice.headers,
    body: { title: `Vars ${Math.random()}`, userPrompt: variables.map((v) => `{{${v}}}`).join(' '), model: { provider: 'openai', model: 'gpt-4o-mini' } },
  });
  expect(res.status).toBe(201);
  return { promptId: res.body.data.id as string, versionId: res.body.data.currentVersion.id as string };
}

describe('experiment CSV export', () => {
  it('reads the items a page at a time, beside the cells, not all before the first row', async () => {
    const prompt = await createPromptFor(alice);
    // 2,500 items, one variant: three pages of items and of cells.
    const seeded = await seedExperiment(alice, {
      prompt,
      variants: 1,
      items: Array.from({ length: 2500 }, (_, i) => ({ input: { topic: `t${i}` }, expected: `e${i}` })),
      cell: (item) => ({ status: 'succeeded', result: 'pass', score: 1, output: `o${item}` }),
    });
    const listItems = vi.mocked(reads.listExperimentItems);
    listItems.mockClear();
    const reader = (await download(seeded.experiment.id)).body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('t999');
    expect(listItems).toHaveBeenCalledTimes(1);
    let text = new TextDecoder().decode(first.value);
    for (let next = await reader.read(); !next.done; next = await reader.read()) text += new TextDecoder().decode(next.value);
    expect(listItems).toHaveBeenCalledTimes(3);
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(2500);
    // Every row has its own item's input and expected value (the merge did not drift across pages).
    rows.forEach((row, i) => expect([row.position, row['input.topic'], row.expected, row.output]).toEqual([`${i + 1}`, `t${i}`, `e${i}`, `o${i}`]));
  });

  it('has an input column for each declared variable only, not for every key of the items', async () => {
    const prompt = await promptWith(['topic', 'tone']);
    const extra = Object.fromEntries(Array.from({ length: 500 }, (_, k) => [`k${k}`, k]));
    const seeded = await seedExperiment(alice, {
      prompt,
      variants: 1,
      items: [{ input: { topic: 'a', tone: 'dry', ...extra } }, { input: { topic: 'b' } }],
      cell: () => ({ status: 'succeeded', result: 'pass', score: 1, output: 'x' }),
    });
    const parsed = Papa.parse<Record<string, string>>(await (await download(seeded.experiment.id)).text(), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields?.slice(0, 5)).toEqual(['position', 'itemId', 'input.topic', 'input.tone', 'expected']);
    expect(parsed.meta.fields).toHaveLength(2 + 2 + 10 + 1);
    expect(parsed.data.map((r) => [r['input.topic'], r['input.tone']])).toEqual([['a', 'dry'], ['b', '']]);
  });

  it('takes the variables of every variant in variant order, at most 200', async () => {
    const names = (prefix: string) => Array.from({ length: 100 }, (_, k) => `${prefix}${k}`);
    const prompts = await Promise.all([promptWith(names('a')), promptWith(names('b')), promptWith(['shared', ...names('c').slice(0, 50)])]);
    const seeded = await seedExperiment(alice, { prompt: prompts[0]!, variants: 3, items: [{ input: { a0: 'x', b99: 'y', c0: 'z' } }] });
    const db = await getDb();
    const variants: ResolvedVariant[] = seeded.experiment.config.variants.map((v, i) => ({ ...v, promptId: prompts[i]!.promptId, versionId: prompts[i]!.versionId }));
    await db.update(experiments).set({ config: { ...seeded.experiment.config, variants } }).where(eq(experiments.id, seeded.experiment.id));
    const parsed = Papa.parse<Record<string, string>>(await (await download(seeded.experiment.id)).text(), { header: true, skipEmptyLines: true });
    const inputs = parsed.meta.fields!.filter((f) => f.startsWith('input.'));
    expect(inputs).toHaveLength(200);
    expect(inputs[0]).toBe('input.a0');
    expect(inputs.at(-1)).toBe('input.b99');
    expect(parsed.data[0]).toMatchObject({ 'input.a0': 'x', 'input.b99': 'y' });
    expect(parsed.meta.fields).not.toContain('input.c0');
  });
});
