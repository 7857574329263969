import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { createRun } from '@/lib/runs/create-run';
import { idempotencyKeyOf } from '@/lib/runs/idempotency-key';
import { listRunPage } from '@/lib/runs/list-runs';
import { createRunSchema, listRunsQuerySchema } from '@/lib/runs/schemas';

// POST /api/v1/runs – validate, render, record as queued and hand off; 202 { id, status }
export const POST = withWorkspace(async ({ req, caller }) => {
  const body = await readJson(req, createRunSchema);
  const { run, created } = await createRun({ caller, input: { ...body, idempotencyKey: idempotencyKeyOf(body, req.headers) } });
  return ok({ id: run.id, status: run.status }, { status: created ? 202 : 200, headers: created ? {} : { 'Idempotent-Replayed': 'true' } });
});

// GET /api/v1/runs?promptId=&versionNumber=&status=&provider=&model=&cached=&q=&from=&to=&cursor=&limit=
export const GET = withWorkspace(async ({ req, workspace }) => {
  const query = parseQuery(req, listRunsQuerySchema);
  return ok(await listRunPage({ workspaceId: workspace.id, ...query }));
});
