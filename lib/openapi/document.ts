import { createDocument, type ZodOpenApiObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import packageJson from '@/package.json';
import { datasetsPaths } from './paths/datasets';
import { deliveryPaths } from './paths/delivery';
import { experimentsPaths } from './paths/experiments';
import { labelsPaths } from './paths/labels';
import { promptsPaths } from './paths/prompts';
import { providersPaths } from './paths/providers';
import { runsPaths } from './paths/runs';
import { workspacePaths } from './paths/workspace';
import { webhooksPaths } from './paths/webhooks';
import { interopPaths } from './paths/interop';

/*
 * The OpenAPI 3.1 document, assembled from one paths file per feature: lib/openapi/paths/<feature>.ts exports
 * `<feature>Paths`, documents each route with the zod schemas the route validates with (requests) and response
 * schemas tied to the view types (lib/openapi/schemas/*, `describes<View>()`), path params named as the folders
 * (`[id]` → `{id}`), a unique camelCase operationId and one tag from `openApiTags`. Register a new file below.
 * tests/unit/openapi-routes.test.ts fails when an app/api/v1 route is missing here; the integration tests check
 * real answers against the document (tests/integration/openapi-responses.ts).
 */

// One line each, so parallel additions merge cleanly.
const featurePaths: ZodOpenApiPathsObject[] = [
  datasetsPaths,
  deliveryPaths,
  experimentsPaths,
  interopPaths,
  labelsPaths,
  promptsPaths,
  providersPaths,
  runsPaths,
  workspacePaths,
  webhooksPaths,
];

export const openApiTags = [
  { name: 'Prompts', description: 'Prompts, their drafts, input sets and tags' },
  { name: 'Versions', description: 'Immutable prompt versions, diffs and restores' },
  { name: 'Labels', description: 'Labels that point a prompt at versions (with traffic splits) and their deployment history' },
  { name: 'Delivery', description: 'The prompt API for apps: resolve a prompt by slug and label, render it' },
  { name: 'Runs', description: 'Model calls: create, follow, cancel, save as a version' },
  { name: 'Providers', description: 'Model provider connections and their models' },
  { name: 'Datasets', description: 'Datasets and their items, CSV/JSONL import and export' },
  { name: 'Experiments', description: 'Prompt variants run over a dataset, scored by evaluators' },
  { name: 'Workspace', description: 'The caller, the workspace, its model prices' },
  { name: 'API keys', description: 'Workspace API keys for scripts, CI and apps' },
  { name: 'Webhooks', description: 'Signed event deliveries to your endpoints, and their log' },
  { name: 'Import and export', description: 'Bundles, prompt exports, and imports from promptfoo, Langfuse and OpenAI' },
] as const;

function mergePaths(parts: ZodOpenApiPathsObject[]): ZodOpenApiPathsObject {
  const merged: ZodOpenApiPathsObject = {};
  for (const part of parts) {
    for (const [path, item] of Object.entries(part)) {
      // Two features may document different methods of one path (e.g. runs gains `slug` from delivery).
      const existing = merged[path];
      if (existing) {
        for (const method of Object.keys(item)) {
          if (method in existing) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} is documented twice`);
        }
      }
      merged[path] = { ...existing, ...item };
    }
  }
  return merged;
}

function buildDocument() {
  const spec: ZodOpenApiObject = {
    openapi: '3.1.0',
    info: {
      title: 'PromptLab',
      version: packageJson.version,
      description:
        'The PromptLab API. Every JSON answer is `{ data, error }`: `data` on success, `error: { code, message, details? }` ' +
        'on failure, where `details.fields` names each invalid field. Authenticate with an API key from Settings → API keys ' +
        '(`Authorization: Bearer pl_…`) or, in the browser, with your session.',
    },
    servers: [{ url: '/', description: 'This PromptLab instance' }],
    tags: openApiTags.map((tag) => ({ ...tag })),
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    paths: mergePaths(featurePaths),
    // The error envelope (ErrorEnvelope, ApiError) becomes a component through the error responses that use it.
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key from Settings → API keys' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'authjs.session-token',
          description: 'The browser session after signing in (`__Secure-authjs.session-token` over HTTPS). Writes also need a same-origin `Origin` header.',
        },
      },
    },
  };
  return createDocument(spec);
}

export type OpenApiDocument = ReturnType<typeof createDocument>;

let cached: OpenApiDocument | undefined;

/** The document, built once per process (zod → JSON Schema conversion is not free). */
export function getOpenApiDocument(): OpenApiDocument {
  cached ??= buildDocument();
  return cached;
}
