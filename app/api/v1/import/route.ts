import { ApiError } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/query-params';
import { readBodyCapped } from '@/lib/api/read-body';
import { ok } from '@/lib/api/response';
import { withWorkspace } from '@/lib/api/with-workspace';
import { importSource } from '@/lib/interop/import';
import { parseImport } from '@/lib/interop/parse-import';
import { MAX_BUNDLE_BYTES, MAX_IMPORT_BYTES } from '@/lib/interop/read-file';
import { importQuerySchema } from '@/lib/interop/schemas';

// POST /api/v1/import?format=promptlab|promptfoo|langfuse|openai&dryRun=true – the file is the body; answers the report
export const POST = withWorkspace(async ({ req, workspace, caller }) => {
  const query = parseQuery(req, importQuerySchema);
  const max = query.format === 'promptlab' ? MAX_BUNDLE_BYTES : MAX_IMPORT_BYTES;
  const text = await readBodyCapped(req, max);
  if (text === null) throw new ApiError('PAYLOAD_TOO_LARGE', `The file is larger than ${max / (1024 * 1024)} MB: split it`);
  const source = parseImport(query.format, text, { name: query.name });
  const canProtect = workspace.role === 'admin' || workspace.role === 'owner';
  const report = await importSource({ workspaceId: workspace.id, userId: caller.user.id, apiKeyId: caller.apiKeyId ?? null, canProtect, source, dryRun: query.dryRun });
  return ok(report, { status: query.dryRun ? 200 : 201 });
});
