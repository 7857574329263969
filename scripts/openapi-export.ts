// npm run openapi:export – writes the OpenAPI document to the SDK package and regenerates its types from it.
// Run it after changing a route's schemas or lib/openapi/paths; tests/unit/sdk-openapi-fresh.test.ts fails until then.
import fs from 'node:fs';
import path from 'node:path';
import { getOpenApiDocument } from '@/lib/openapi/document';
import { SDK_API_TYPES, SDK_OPENAPI_JSON, sdkOpenApiFiles } from './openapi-sdk-files';

const { json, types } = await sdkOpenApiFiles(getOpenApiDocument());
for (const [file, text] of [[SDK_OPENAPI_JSON, json], [SDK_API_TYPES, types]] as const) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`wrote ${file} (${Buffer.byteLength(text).toLocaleString('en-US')} bytes)`);
}
