import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { getOpenApiDocument } from '@/lib/openapi/document';

/*
 * Checks real answers against the OpenAPI document: the status must be documented for the operation, and a JSON
 * body must match that response's schema (Ajv, JSON Schema 2020-12, which OpenAPI 3.1 schemas are). Other helpers
 * call this from their own integration tests:
 *   expectMatchesDocument('PUT', '/api/v1/prompts/{id}/labels/{label}', res.status, res.body)
 *   await expectResponseMatchesDocument(response)   // a fetch Response: the operation is found from its URL
 */

type Doc = ReturnType<typeof getOpenApiDocument>;
type MediaTypes = Record<string, { schema?: unknown } | undefined>;
type ResponseObject = { content?: MediaTypes } | undefined;

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();
let matchers: { method: string; template: string; pattern: RegExp; literal: number }[] | undefined;

function doc(): Doc {
  return getOpenApiDocument();
}

function getAjv(): Ajv2020 {
  if (!ajv) {
    // strict off: OpenAPI adds keywords JSON Schema lacks (`example`) and our root carries `components` for $refs.
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
  }
  return ajv;
}

function responseOf(method: string, template: string, status: number): ResponseObject {
  const operation = (doc().paths?.[template] as Record<string, { responses?: Record<string, ResponseObject> }> | undefined)?.[method.toLowerCase()];
  expect(operation, `${method.toUpperCase()} ${template} is not in the OpenAPI document`).toBeDefined();
  const responses = operation!.responses ?? {};
  const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  expect(response, `${method.toUpperCase()} ${template} answered ${status}, which the document does not list (it lists ${Object.keys(responses).join(', ')})`).toBeDefined();
  return response;
}

function validatorFor(key: string, schema: unknown): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    // The response schema's `#/components/schemas/X` refs resolve against its own root: give it the components.
    validate = getAjv().compile({ ...(schema as object), components: doc().components });
    validators.set(key, validate);
  }
  return validate;
}

/**
 * Fails unless `status` is documented for the operation and `body` (parsed JSON) matches that response's schema
 * for `contentType`. A body of another content type (an event stream, a CSV file) is checked for its type only.
 */
export function expectMatchesDocument(method: string, pathTemplate: string, status: number, body: unknown, contentType = 'application/json'): void {
  const response = responseOf(method, pathTemplate, status);
  const content = response?.content;
  if (!content) {
    expect(body === null || body === undefined || body === '', `${method} ${pathTemplate} ${status} is documented without a body`).toBe(true);
    return;
  }
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  const media = content[mediaType];
  expect(media, `${method} ${pathTemplate} ${status}: content type ${mediaType} is not documented (${Object.keys(content).join(', ')})`).toBeDefined();
  if (mediaType !== 'application/json' || !media?.schema) return;
  const validate = validatorFor(`${method.toLowerCase()} ${pathTemplate} ${status}`, media.schema);
  const valid = validate(body);
  const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`);
  expect(valid, `${method.toUpperCase()} ${pathTemplate} ${status} does not match the document:\n${problems.slice(0, 20).join('\n')}\nbody: ${JSON.stringify(body)?.slice(0, 1500)}`).toBe(true);
}

/** The documented path template a concrete path falls under (`/api/v1/prompts/abc` → `/api/v1/prompts/{id}`), static segments first. */
export function documentedTemplate(method: string, pathname: string): string | null {
  matchers ??= Object.entries(doc().paths ?? {})
    .flatMap(([template, item]) =>
      METHODS.filter((m) => item && m in item).map((m) => ({
        method: m,
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        literal: template.split('/').filter((s) => !s.startsWith('{')).length,
      })),
    )
    .sort((a, b) => b.literal - a.literal);
  return matchers.find((m) => m.method === method.toLowerCase() && m.pattern.test(pathname))?.template ?? null;
}

/** Checks a fetch Response against the document (its operation found from the request URL); answers the parsed body. */
export async function expectResponseMatchesDocument(response: Response, method: string): Promise<unknown> {
  const { pathname } = new URL(response.url);
  const template = documentedTemplate(method, pathname);
  expect(template, `${method} ${pathname} matches no documented path`).not.toBeNull();
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  const body = (mediaType === 'application/json' || mediaType.endsWith('+json')) && text ? JSON.parse(text) : text;
  expectMatchesDocument(method, template!, response.status, body, contentType || 'application/json');
  return body;
}

export type CheckedResult<T = any> = { status: number; headers: Headers; body: T };

/**
 * A client for startAppServer whose every answer is checked against the document before it is returned:
 * `const api = documentedClient(app.url, user.headers); const { status, body } = await api('POST', '/api/v1/prompts', { body })`.
 */
export function documentedClient(baseUrl: string, defaultHeaders: Record<string, string> = {}) {
  return async <T = any>(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<CheckedResult<T>> => {
    const hasJson = options.body !== undefined;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...defaultHeaders, ...(hasJson ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.rawBody ?? (hasJson ? JSON.stringify(options.body) : undefined),
    });
    const headers = response.headers;
    const body = (await expectResponseMatchesDocument(response, method)) as T;
    return { status: response.status, headers, body };
  };
}
