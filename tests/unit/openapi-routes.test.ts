import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { getOpenApiDocument, openApiTags } from '@/lib/openapi/document';
import { listAppRoutes } from '../integration/app-routes';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const apiDir = path.resolve(import.meta.dirname, '../../app/api/v1');

/** The HTTP methods a route.ts exports: `export const GET`, `export async function GET`, `export { x as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) found.add(part.trim().split(/\s+as\s+/).pop()!.trim());
  }
  return METHODS.filter((method) => found.has(method));
}

const routeOperations = () =>
  listAppRoutes(apiDir).flatMap((route) =>
    exportedMethods(readFileSync(route.file, 'utf8')).map((method) => `${method} ${route.openApiPath}`),
  );

const documentOperations = () =>
  Object.entries(getOpenApiDocument().paths ?? {}).flatMap(([p, item]) =>
    METHODS.filter((method) => item && method.toLowerCase() in item).map((method) => `${method} ${p}`),
  );

const operations = () =>
  Object.entries(getOpenApiDocument().paths ?? {}).flatMap(([p, item]) =>
    METHODS.flatMap((method) => {
      const op = (item as Record<string, { operationId?: string; tags?: string[]; responses?: unknown } | undefined>)[method.toLowerCase()];
      return op ? [{ name: `${method} ${p}`, ...op }] : [];
    }),
  );

describe('the OpenAPI document and app/api/v1', () => {
  it('reads the methods a route file exports', () => {
    expect(exportedMethods('export const GET = withWorkspace(...);\nexport async function POST(req) {}\nconst PUT = 1;')).toEqual(['GET', 'POST']);
    expect(exportedMethods('const immutable = x;\nexport const PATCH = immutable;\nexport { handler as DELETE, other };')).toEqual(['PATCH', 'DELETE']);
    expect(exportedMethods("export const dynamic = 'force-dynamic';")).toEqual([]);
  });

  it('documents every route and method under app/api/v1', () => {
    const documented = new Set(documentOperations());
    const missing = routeOperations().filter((op) => !documented.has(op));
    expect(missing, `routes missing from the OpenAPI document (add them in lib/openapi/paths/*.ts):\n${missing.join('\n')}`).toEqual([]);
  });

  it('documents no route that does not exist', () => {
    const routes = new Set(routeOperations());
    const extra = documentOperations().filter((op) => !routes.has(op));
    expect(extra, `documented operations with no route.ts export:\n${extra.join('\n')}`).toEqual([]);
  });

  it('gives every operation a unique operationId and exactly one known tag', () => {
    const known = new Set<string>(openApiTags.map((t) => t.name));
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const op of operations()) {
      if (!op.operationId) problems.push(`${op.name}: no operationId`);
      else if (seen.has(op.operationId)) problems.push(`${op.name}: operationId ${op.operationId} is also ${seen.get(op.operationId)}`);
      else seen.set(op.operationId, op.name);
      if (op.tags?.length !== 1 || !known.has(op.tags[0]!)) problems.push(`${op.name}: tags ${JSON.stringify(op.tags)} (one of ${[...known].join(', ')})`);
    }
    expect(problems).toEqual([]);
  });

  it('documents the error envelope on every operation: 500 always, Retry-After on 429', () => {
    const problems: string[] = [];
    for (const op of operations() as { name: string; responses?: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: { $ref?: string } }> }> }[]) {
      const responses = op.responses ?? {};
      if (responses['500']?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorEnvelope') problems.push(`${op.name}: no 500 error envelope`);
      if (responses['429'] && !responses['429'].headers?.['Retry-After']) problems.push(`${op.name}: 429 without Retry-After`);
    }
    expect(problems).toEqual([]);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = getOpenApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    // A copy: the validator may annotate what it is given.
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 4000)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('declares the bearer and session schemes and applies them globally', () => {
    const doc = getOpenApiDocument();
    expect(doc.components?.securitySchemes).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      sessionCookie: { type: 'apiKey', in: 'cookie' },
    });
    expect(doc.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(doc.components?.schemas?.ErrorEnvelope).toBeDefined();
  });

  it('is built once per process', () => {
    expect(getOpenApiDocument()).toBe(getOpenApiDocument());
  });
});
