import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { createRunAndWait } from '@/lib/runs/create-run-and-wait';
import { idempotencyKeyOf } from '@/lib/runs/idempotency-key';
import { listRunPage } from '@/lib/runs/list-runs';
import { createRunSchema, listRunsQuerySchema } from '@/lib/runs/schemas';

// `wait` may hold a request for up to 60 s.
export const maxDuration = 75;

// POST /api/v1/runs – validate, render, record as queued and hand off; 202 { id, status }.
// With `wait`, 200 and the finished run when it finishes within that many seconds.
export const POST = withWorkspace(async ({ req, caller }) => {
  const body = await readJson(req, createRunSchema);
  const answer = await createRunAndWait({ caller, input: { ...body, idempotencyKey: idempotencyKeyOf(body, req.headers) }, signal: req.signal });
  const headers: Record<string, string> = answer.created ? {} : { 'Idempotent-Replayed': 'true' };
  if (answer.finished) return ok(answer.finished, { status: 200, headers });
  return ok({ id: answer.id, status: answer.status }, { status: answer.created ? 202 : 200, headers });
});

// GET /api/v1/runs?promptId=&versionNumber=&status=&provider=&model=&cached=&q=&from=&to=&cursor=&limit=
export const GET = withWorkspace(async ({ req, workspace }) => {
  const query = parseQuery(req, listRunsQuerySchema);
  return ok(await listRunPage({ workspaceId: workspace.id, ...query }));
});
