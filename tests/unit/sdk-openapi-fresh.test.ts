import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getOpenApiDocument } from '@/lib/openapi/document';
import { SDK_API_TYPES, SDK_OPENAPI_JSON, sdkOpenApiFiles } from '@/scripts/openapi-sdk-files';

// The SDK's types come from its committed copy of the document: both must match what the app serves.
describe('the SDK package openapi.json and generated types', () => {
  it('match the document the app serves (run `npm run openapi:export` when this fails)', async () => {
    const { json, types } = await sdkOpenApiFiles(getOpenApiDocument());
    const committed = JSON.parse(fs.readFileSync(SDK_OPENAPI_JSON, 'utf8')) as unknown;
    expect(committed, `${SDK_OPENAPI_JSON} is stale: run \`npm run openapi:export\``).toEqual(JSON.parse(json));
    expect(fs.readFileSync(SDK_API_TYPES, 'utf8') === types, `${SDK_API_TYPES} is stale: run \`npm run openapi:export\``).toBe(true);
  });
});
