import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { createRun } from '@/lib/runs/create-run';
import { listRunPage } from '@/lib/runs/list-runs';
import { createRunSchema, listRunsQuerySchema } from '@/lib/runs/schemas';

// POST /api/v1/runs – validate, render, record as queued and hand off; 202 { id, status }
export const POST = withWorkspace(async ({ req, caller }) => {
  const body = await readJson(req, createRunSchema);
  const idempotencyKey = body.idempotencyKey ?? req.headers.get('idempotency-key')?.trim() ?? undefined;
  const { run, created } = await createRun({ caller, input: { ...body, idempotencyKey: idempotencyKey || undefined } });
  return ok({ id: run.id, status: run.status }, { status: created ? 202 : 200, headers: created ? {} : { 'Idempotent-Replayed': 'true' } });
});

// GET /api/v1/runs?promptId=&versionNumber=&status=&provider=&model=&cached=&q=&from=&to=&cursor=&limit=
export const GET = withWorkspace(async ({ req, workspace }) => {
  const query = parseQuery(req, listRunsQuerySchema);
  return ok(await listRunPage({ workspaceId: workspace.id, ...query }));
});
