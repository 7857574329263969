import { ok } from '@/lib/api/response';
import { parseQuery } from '@/lib/api/query-params';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { createRun } from '@/lib/runs/create-run';
import { idempotencyKeyOf } from '@/lib/runs/idempotency-key';
import { listRunPage } from '@/lib/runs/list-runs';
import { toRunWithTitleView } from '@/lib/runs/run-view';
import { isActiveRunStatus } from '@/lib/runs/statuses';
import { waitForRun } from '@/lib/runs/wait-for-run';
import { createRunSchema, listRunsQuerySchema } from '@/lib/runs/schemas';

// `wait` may hold a request for up to 60 s.
export const maxDuration = 75;

// POST /api/v1/runs – validate, render, record as queued and hand off; 202 { id, status }.
// With `wait`, 200 and the finished run when it finishes within that many seconds.
export const POST = withWorkspace(async ({ req, caller }) => {
  const body = await readJson(req, createRunSchema);
  const { run, created } = await createRun({ caller, input: { ...body, idempotencyKey: idempotencyKeyOf(body, req.headers) } });
  const headers: Record<string, string> = created ? {} : { 'Idempotent-Replayed': 'true' };
  let status = run.status;
  if (body.wait) {
    const latest = await waitForRun({ runId: run.id, workspaceId: caller.workspace.id, waitMs: body.wait * 1000, signal: req.signal });
    if (latest && !isActiveRunStatus(latest.run.status)) return ok(toRunWithTitleView(latest), { status: 200, headers });
    status = latest?.run.status ?? status;
  }
  return ok({ id: run.id, status }, { status: created ? 202 : 200, headers });
});

// GET /api/v1/runs?promptId=&versionNumber=&status=&provider=&model=&cached=&q=&from=&to=&cursor=&limit=
export const GET = withWorkspace(async ({ req, workspace }) => {
  const query = parseQuery(req, listRunsQuerySchema);
  return ok(await listRunPage({ workspaceId: workspace.id, ...query }));
});
