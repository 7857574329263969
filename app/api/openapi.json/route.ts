import { withPublic } from '@/lib/api/with-public';
import { getOpenApiDocument } from '@/lib/openapi/document';

let body: string | undefined;

// GET /api/openapi.json – the OpenAPI 3.1 document of /api/v1: public (it holds no data), built and serialised once per process
export const GET = withPublic(async () => {
  body ??= JSON.stringify(getOpenApiDocument());
  return new Response(body, { headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' } });
});
