import { ok } from '@/lib/api/response';
import { readJson } from '@/lib/api/read-json';
import { withWorkspace } from '@/lib/api/with-workspace';
import { rerunExperiment } from '@/lib/experiments/rerun-experiment';
import { rerunExperimentSchema } from '@/lib/experiments/schemas';

// POST /api/v1/experiments/{id}/rerun – a new experiment from this one's configuration with changes; unchanged cells are reused
export const POST = withWorkspace<{ id: string }>(async ({ req, params, caller }) => {
  const input = await readJson(req, rerunExperimentSchema);
  return ok(await rerunExperiment({ caller, id: params.id, input }), { status: 202 });
});
