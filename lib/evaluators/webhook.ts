import 'server-only';
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { readBodyCapped } from '@/lib/api/read-body';
import { providerFetch } from '@/lib/net/guarded-fetch';
import { assertPublicUrl } from '@/lib/net/ssrf';
import { optionalText } from './config-fields';
import { REDACTED_SECRET, openEvaluatorSecret } from './secrets';
import type { RegisteredEvaluator } from './registry';
import type { EvaluatorDefinition, EvaluatorOutcome } from './types';

export const MAX_WEBHOOK_TIMEOUT_MS = 30_000;
const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** Longest answer read from the webhook. */
export const MAX_WEBHOOK_RESPONSE_BYTES = 64 * 1024;
export const SIGNATURE_HEADER = 'x-promptlab-signature';
export const TIMESTAMP_HEADER = 'x-promptlab-timestamp';
// Headers the request itself sets: a config may not replace them.
const RESERVED_HEADERS = new Set(['host', 'content-type', 'content-length', 'connection', 'transfer-encoding', SIGNATURE_HEADER, TIMESTAMP_HEADER]);

const CREDENTIAL_HEADER = /authorization|cookie|token|secret|password|api-?key/i;

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'is not a valid header name');

const configSchema = z.strictObject({
  /** Where the cell is POSTed (http or https); private addresses are refused unless ALLOW_PRIVATE_PROVIDER_URLS. */
  url: z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
      } catch {
        return false;
      }
    }, 'must be an http or https URL without credentials'),
  /** Signs each request: `X-PromptLab-Signature: sha256=<HMAC-SHA256 of the body>`. Stored encrypted, shown as ••••. */
  secret: optionalText(z.string().max(500).refine((s) => s !== REDACTED_SECRET, 'is hidden: type the secret again')),
  /** The sealed secret, as stored (see sealEvaluatorSecrets). */
  secretEncrypted: z.string().max(2_000).optional(),
  /** How long to wait for the answer (default 10 s, at most 30 s). */
  timeoutMs: z.number().int().min(100).max(MAX_WEBHOOK_TIMEOUT_MS).default(DEFAULT_WEBHOOK_TIMEOUT_MS),
  /** Extra request headers (at most 20). */
  headers: z
    .record(headerName, z.string().max(2_000).regex(/^[^\r\n]*$/, 'must be one line'))
    .refine((h) => Object.keys(h).length <= 20, 'at most 20 headers')
    .refine((h) => Object.keys(h).every((k) => !RESERVED_HEADERS.has(k.toLowerCase())), 'sets a header PromptLab sets itself')
    // Headers are stored and shown as given, unlike `secret`: credentials do not belong there.
    .refine((h) => Object.keys(h).every((k) => !CREDENTIAL_HEADER.test(k)), 'looks like it carries credentials: use `secret`, which signs each request and is stored encrypted')
    .optional(),
});
export type WebhookConfig = z.infer<typeof configSchema>;

const answerSchema = z.object({
  pass: z.boolean(),
  score: z.number().min(0).max(1).optional(),
  reason: z.string().max(2_000).optional(),
});

/** The hex HMAC-SHA256 a receiver recomputes over the raw body to check a request came from here. */
export const signBody = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');

async function readCapped(response: Response): Promise<string> {
  const text = await readBodyCapped(response, MAX_WEBHOOK_RESPONSE_BYTES);
  if (text === null) throw new Error(`the webhook answered more than ${MAX_WEBHOOK_RESPONSE_BYTES / 1024} KB`);
  return text;
}

export const webhookEvaluator: EvaluatorDefinition<WebhookConfig> & Pick<RegisteredEvaluator, 'checkConfig'> = {
  type: 'webhook',
  configSchema,
  remote: true,
  // An early, clear 422 for a private or unresolvable host; the guarded fetch checks the address it connects to.
  async checkConfig(config: WebhookConfig) {
    try {
      await assertPublicUrl(config.url);
      return [];
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return [{ path: 'url', message: error.message.replace(/^base URL `[^`]*` /, '') }];
    }
  },
  async evaluate(config, ctx): Promise<EvaluatorOutcome> {
    const body = JSON.stringify({
      output: ctx.output,
      expected: ctx.expected ?? null,
      vars: ctx.vars,
      item: ctx.item,
      latencyMs: ctx.latencyMs,
      costUsd: ctx.costUsd,
      experimentId: ctx.experimentId,
      cellId: ctx.cellId,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const secret = openEvaluatorSecret(config);
    const headers: Record<string, string> = { ...config.headers, 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp };
    if (secret) headers[SIGNATURE_HEADER] = `sha256=${signBody(body, secret)}`;
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(config.timeoutMs)]);
    let response: Response;
    try {
      response = await providerFetch()(config.url, { method: 'POST', headers, body, signal });
    } catch (error) {
      if (signal.aborted && !ctx.signal.aborted) throw new Error(`the webhook did not answer within ${config.timeoutMs} ms`);
      throw new Error(`the webhook could not be reached: ${describe(error)}`);
    }
    const text = await readCapped(response).catch((error: unknown) => {
      throw new Error(signal.aborted ? `the webhook did not finish answering within ${config.timeoutMs} ms` : describe(error));
    });
    if (!response.ok) throw new Error(`the webhook answered HTTP ${response.status}`);
    let parsed: z.ZodSafeParseResult<z.infer<typeof answerSchema>>;
    try {
      parsed = answerSchema.safeParse(JSON.parse(text));
    } catch {
      throw new Error('the webhook answered something that is not JSON: it must answer { "pass": boolean, "score"?: number, "reason"?: string }');
    }
    if (!parsed.success) throw new Error('the webhook must answer { "pass": boolean, "score"?: number from 0 to 1, "reason"?: string }');
    const { pass, score, reason } = parsed.data;
    return { pass, score: score ?? (pass ? 1 : 0), reason: reason ?? `the webhook answered pass: ${pass}` };
  },
};

// The guard's refusal says why (a private address, a redirect); fetch's own errors hide it in `cause`.
function describe(error: unknown): string {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code === 'URL_REFUSED' || !(e.cause instanceof Error)) return e.message.slice(0, 300);
  }
  return 'a network error';
}
