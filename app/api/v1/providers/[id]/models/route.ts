import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { listProviderModels } from '@/lib/providers/provider-models';

// GET /api/v1/providers/{provider}/models – the models the provider's endpoint lists (cached for a minute)
export const GET = withWorkspace<{ id: string }>(async ({ params, caller }) => ok(await listProviderModels(caller, params.id)));
