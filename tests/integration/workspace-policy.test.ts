import { describe, expect, it } from 'vitest';
import * as workspaceRoute from '@/app/api/v1/workspace/route';
import { call, createTestUser } from './helpers';

describe('workspace policies', () => {
  it('lets admins set and clear the budget and the allowlist, and shows the month’s spend', async () => {
    const owner = await createTestUser();
    const set = await call(workspaceRoute.PATCH, {
      method: 'PATCH',
      headers: owner.headers,
      body: { monthlyBudgetUsd: 25, modelAllowlist: ['openai/gpt-4o-mini', 'openai/gpt-4o-mini', 'local/promptlab-local'] },
    });
    expect(set.status).toBe(200);
    expect(set.body.data).toEqual({ monthlyBudgetUsd: 25, modelAllowlist: ['openai/gpt-4o-mini', 'local/promptlab-local'] });
    const got = await call(workspaceRoute.GET, { headers: owner.headers });
    expect(got.body.data).toMatchObject({ monthlyBudgetUsd: 25, monthSpendUsd: 0, role: 'owner' });
    const cleared = await call(workspaceRoute.PATCH, { method: 'PATCH', headers: owner.headers, body: { monthlyBudgetUsd: null, modelAllowlist: null } });
    expect(cleared.body.data).toEqual({ monthlyBudgetUsd: null, modelAllowlist: null });
  });

  it('rejects bad values and non-admins', async () => {
    const owner = await createTestUser();
    const bad = await call(workspaceRoute.PATCH, { method: 'PATCH', headers: owner.headers, body: { modelAllowlist: ['gpt-4o'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('provider/model');
    expect((await call(workspaceRoute.PATCH, { method: 'PATCH', headers: owner.headers, body: { monthlyBudgetUsd: -1 } })).status).toBe(422);
    const editor = await createTestUser({ role: 'editor' });
    const denied = await call(workspaceRoute.PATCH, { method: 'PATCH', headers: editor.headers, body: { monthlyBudgetUsd: 1 } });
    expect(denied.status).toBe(403);
  });
});
