import { ApiError, notFound } from '@/lib/api/errors';
import { ok } from '@/lib/api/response';
import { withPublic } from '@/lib/api/with-public';
import { withWorkspace } from '@/lib/api/with-workspace';
import { getVersion } from '@/lib/prompts/read-prompts';
import { versionNumberParamSchema } from '@/lib/prompts/schemas';

type Params = { id: string; number: string };

export const GET = withWorkspace<Params>(async ({ params, workspace }) => {
  const versionNumber = versionNumberParamSchema.safeParse(params.number);
  if (!versionNumber.success) throw notFound('Version');
  return ok(await getVersion({ promptId: params.id, workspaceId: workspace.id, versionNumber: versionNumber.data }));
});

// Anyone may be told that versions never change: no caller is resolved for it.
const immutable = withPublic<Params>(async () => {
  throw new ApiError('METHOD_NOT_ALLOWED', 'Versions are immutable: save a new version, or restore this one to make a copy current', {
    headers: { Allow: 'GET' },
  });
});

export const PUT = immutable;
export const PATCH = immutable;
export const DELETE = immutable;
