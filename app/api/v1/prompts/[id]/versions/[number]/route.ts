import { getPromptVersionByNumber } from '@/db/queries/prompt-versions';
import { isUuid } from '@/lib/ids';
import { ApiError, notFound } from '@/lib/api/errors';
import { fail, ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { versionNumberSchema } from '@/lib/prompts/schemas';

type Params = { id: string; number: string };

export const GET = withWorkspace<Params>(async ({ params, workspace }) => {
  const versionNumber = versionNumberSchema.safeParse(params.number);
  if (!isUuid(params.id) || !versionNumber.success) throw notFound('Version');
  const version = await getPromptVersionByNumber({ promptId: params.id, workspaceId: workspace.id, versionNumber: versionNumber.data });
  if (!version) throw notFound('Version');
  return ok(version);
});

const immutable = async () =>
  fail(
    new ApiError('METHOD_NOT_ALLOWED', 'Versions are immutable: save a new version, or restore this one to make a copy current', {
      headers: { Allow: 'GET' },
    }),
  );

export const PUT = immutable;
export const PATCH = immutable;
export const DELETE = immutable;
