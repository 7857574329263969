import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';

// GET /api/v1/me – who the key or session acts as, and in which workspace
export const GET = withWorkspace(async ({ caller }) =>
  ok({ user: caller.user, workspace: { id: caller.workspace.id, name: caller.workspace.name, role: caller.workspace.role }, via: caller.via }),
);
