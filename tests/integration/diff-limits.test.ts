import { beforeAll, describe, expect, it } from 'vitest';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import * as diffRoute from '@/app/api/v1/prompts/[id]/diff/route';
import { MAX_DIFF_LINES } from '@/lib/diff/version-diff';
import { call, createTestUser, type TestUser } from './helpers';

let alice: TestUser;
let promptId: string;
const longPrompt = Array.from({ length: MAX_DIFF_LINES + 1_000 }, (_, i) => `l${i}`).join('\n');

beforeAll(async () => {
  alice = await createTestUser();
  const created = await call(promptsRoute.POST, {
    method: 'POST',
    headers: alice.headers,
    body: { title: 'Long', systemPrompt: 'Be brief.', userPrompt: longPrompt },
  });
  expect(created.status).toBe(201);
  promptId = created.body.data.id;
  const saved = await call(versionsRoute.POST, {
    method: 'POST',
    params: { id: promptId },
    headers: alice.headers,
    body: { systemPrompt: 'Be briefer.', userPrompt: `${longPrompt}\nl-extra` },
  });
  expect(saved.status).toBe(201);
});

describe('GET /prompts/{id}/diff on prompts too long to diff', () => {
  it('answers 200 with the long prompt marked tooLarge (no lines) and the short one diffed', async () => {
    const res = await call(diffRoute.GET, { path: '/x?from=1&to=2', params: { id: promptId }, headers: alice.headers });
    expect(res.status).toBe(200);
    const diff = res.body.data;
    expect(diff.userPrompt).toEqual({
      lines: [],
      added: 0,
      removed: 0,
      tooLarge: true,
      lineCounts: { old: MAX_DIFF_LINES + 1_000, new: MAX_DIFF_LINES + 1_001 },
    });
    expect(diff.systemPrompt).toMatchObject({ added: 1, removed: 1 });
    expect(diff).toMatchObject({ identical: false, maxLines: MAX_DIFF_LINES });
  });
});
