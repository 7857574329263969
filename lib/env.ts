import 'server-only';
import { z } from 'zod';
import { isLoopbackHost, privateProviderUrlsAllowed } from './net/private-url-policy';
import { LEASE_MARGIN_MS, MAX_LLM_TIMEOUT_MS } from './queue/limits';

/** Every setting PromptLab reads. This module is the only reader of process.env. */
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1'));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const optionalUrl = optionalText.pipe(z.url({ message: 'must be a full URL such as https://example.com' }).optional());

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  VERCEL: optionalText,
  APP_URL: optionalUrl,
  DATABASE_URL: optionalText,
  DATABASE_DRIVER: z
    .enum(['pglite', 'postgres', 'neon', ''])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  PGLITE_DIR: optionalText,
  NEON_WS_PROXY: optionalText,
  AUTH_SECRET: optionalText.pipe(
    z.string().min(32, 'must be at least 32 characters (try `openssl rand -base64 32`)').optional(),
  ),
  AUTH_GITHUB_ID: optionalText,
  AUTH_GITHUB_SECRET: optionalText,
  AUTH_GOOGLE_ID: optionalText,
  AUTH_GOOGLE_SECRET: optionalText,
  AUTH_OIDC_ISSUER: optionalUrl,
  AUTH_OIDC_ID: optionalText,
  AUTH_OIDC_SECRET: optionalText,
  AUTH_OIDC_NAME: optionalText,
  AUTH_PASSWORD_LOGIN: z
    .enum(['true', 'false', 'auto', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? 'auto' : v)),
  AUTH_ALLOW_SIGNUP: bool(true),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_RUNS_PER_MINUTE: z.coerce.number().int().positive().default(100),
  RATE_LIMIT_SIGNUP_PER_HOUR: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_PASSWORD_CHECKS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  // Unset: on when deployed on Vercel (its edge overwrites X-Forwarded-For), off otherwise.
  TRUST_PROXY_HEADERS: z
    .enum(['true', 'false', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v === 'true')),
  // Auth.js's own base URL settings: PromptLab uses APP_URL and only checks that these agree with it.
  AUTH_URL: optionalUrl,
  NEXTAUTH_URL: optionalUrl,
  PORT: z.coerce.number().int().positive().default(3000),
  // Model providers (instance-wide; workspace keys in Settings override them).
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: optionalUrl,
  GROQ_API_KEY: optionalText,
  OPENROUTER_API_KEY: optionalText,
  TOGETHER_API_KEY: optionalText,
  OLLAMA_BASE_URL: optionalUrl,
  LMSTUDIO_BASE_URL: optionalUrl,
  VLLM_BASE_URL: optionalUrl,
  LLM_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    // The run's lease (timeout + 30 s) must end before the callback's 300 s maxDuration kills a stuck executor.
    .max(MAX_LLM_TIMEOUT_MS, `must be at most ${MAX_LLM_TIMEOUT_MS} (the run callback is stopped after 300 s, and the lease needs a 30 s margin on each side)`)
    .default(60_000),
  ALLOW_PRIVATE_PROVIDER_URLS: z
    .enum(['true', 'false', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v === 'true')),
  // Webhook URLs follow their own setting (same default); link-local and metadata addresses are refused regardless.
  ALLOW_PRIVATE_WEBHOOK_URLS: z
    .enum(['true', 'false', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v === 'true')),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  ENCRYPTION_KEY: optionalText,
  // Run pipeline.
  QSTASH_TOKEN: optionalText,
  QSTASH_URL: optionalUrl,
  QSTASH_CURRENT_SIGNING_KEY: optionalText,
  QSTASH_NEXT_SIGNING_KEY: optionalText,
  RUN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  RUN_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(30 * 24 * 3600).default(3600),
  // Largest rendered prompt (UTF-8 bytes of all messages) and longest kept reply (characters) of one run.
  RUN_MAX_RENDERED_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(1024 * 1024),
  RUN_MAX_OUTPUT_CHARS: z.coerce.number().int().min(1000).max(10_000_000).default(200_000),
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalText,
  UPSTASH_REDIS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  QSTASH_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  CRON_SECRET: optionalText,
  // Local dispatcher (no QStash): deliveries in flight at once, and per workspace (also QStash's flow-control parallelism).
  RUN_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  RUN_CONCURRENCY_PER_WORKSPACE: z.coerce.number().int().min(1).max(1000).default(16),
  // Where the local dispatcher delivers callbacks (this server's own address); default APP_URL when it is loopback, else http://127.0.0.1:PORT.
  LOCAL_DISPATCH_URL: optionalUrl,
});

export type DatabaseDriver = 'pglite' | 'postgres' | 'neon';

export type Env = ReturnType<typeof resolveEnv>;

function resolveEnv(raw: z.output<typeof envSchema>) {
  const problems: string[] = [];
  const pair = (idKey: string, id?: string, secret?: string, secretKey?: string) => {
    if (Boolean(id) !== Boolean(secret)) problems.push(`${id ? secretKey : idKey} is missing: set both ${idKey} and ${secretKey}, or neither`);
    return Boolean(id && secret);
  };
  const github = pair('AUTH_GITHUB_ID', raw.AUTH_GITHUB_ID, raw.AUTH_GITHUB_SECRET, 'AUTH_GITHUB_SECRET');
  const google = pair('AUTH_GOOGLE_ID', raw.AUTH_GOOGLE_ID, raw.AUTH_GOOGLE_SECRET, 'AUTH_GOOGLE_SECRET');
  const oidc = Boolean(raw.AUTH_OIDC_ISSUER);
  if (oidc && !raw.AUTH_OIDC_ID) problems.push('AUTH_OIDC_ID is missing: AUTH_OIDC_ISSUER is set, so the client id is required');

  const driver = resolveDriver(raw, problems);
  const deployed = Boolean(raw.VERCEL);
  if (deployed && driver === 'pglite') problems.push('DATABASE_URL is missing: the embedded database cannot persist on Vercel, set a Neon or PostgreSQL URL');
  if (deployed && !raw.AUTH_SECRET) problems.push('AUTH_SECRET is missing: it is required when deployed (try `openssl rand -base64 32`)');
  // A serverless function freezes between requests: the in-process dispatcher would never deliver.
  if (deployed && !raw.QSTASH_TOKEN) problems.push('QSTASH_TOKEN is missing: on Vercel runs are handed off through QStash (Upstash console → QStash), with its signing keys and CRON_SECRET');

  for (const [name, value] of [['AUTH_URL', raw.AUTH_URL], ['NEXTAUTH_URL', raw.NEXTAUTH_URL]] as const) {
    if (value && raw.APP_URL && new URL(value).origin !== new URL(raw.APP_URL).origin) {
      problems.push(`${name} and APP_URL name different origins: PromptLab builds sign-in URLs from APP_URL, so unset ${name}`);
    }
  }

  const oauthConfigured = github || google || oidc;
  const passwordLogin = raw.AUTH_PASSWORD_LOGIN === 'auto' ? !oauthConfigured : raw.AUTH_PASSWORD_LOGIN === 'true';
  if (!passwordLogin && !oauthConfigured) problems.push('AUTH_PASSWORD_LOGIN is false but no OAuth provider is configured: nobody could sign in');

  if (raw.QSTASH_TOKEN && !(raw.QSTASH_CURRENT_SIGNING_KEY && raw.QSTASH_NEXT_SIGNING_KEY)) {
    problems.push('QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY are required with QSTASH_TOKEN (QStash console → Signing keys)');
  }
  if (raw.QSTASH_TOKEN && !raw.APP_URL) problems.push('APP_URL is missing: QStash must know the public URL to call back');
  if (raw.QSTASH_TOKEN && !raw.CRON_SECRET) {
    problems.push('CRON_SECRET is missing: with QSTASH_TOKEN the recovery job needs it, or runs whose delivery failed stay stuck (try `openssl rand -hex 32`)');
  }
  if (Boolean(raw.UPSTASH_REDIS_REST_URL) !== Boolean(raw.UPSTASH_REDIS_REST_TOKEN)) {
    problems.push('UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN go together: set both or neither');
  }
  if (deployed && !raw.ENCRYPTION_KEY) problems.push('ENCRYPTION_KEY is missing: it is required when deployed (try `openssl rand -base64 32`)');
  if (raw.ENCRYPTION_KEY && Buffer.from(raw.ENCRYPTION_KEY, 'base64').length !== 32) {
    problems.push('ENCRYPTION_KEY must be 32 bytes, base64-encoded (try `openssl rand -base64 32`)');
  }
  if (problems.length > 0) throw new EnvError(problems);

  return {
    nodeEnv: raw.NODE_ENV,
    deployed,
    appUrl: raw.APP_URL,
    database: {
      driver,
      url: raw.DATABASE_URL,
      pgliteDir: raw.PGLITE_DIR ?? '.data/pglite',
      neonWsProxy: raw.NEON_WS_PROXY,
    },
    auth: {
      secret: raw.AUTH_SECRET,
      github: github ? { clientId: raw.AUTH_GITHUB_ID!, clientSecret: raw.AUTH_GITHUB_SECRET! } : null,
      google: google ? { clientId: raw.AUTH_GOOGLE_ID!, clientSecret: raw.AUTH_GOOGLE_SECRET! } : null,
      oidc: oidc
        ? {
            issuer: raw.AUTH_OIDC_ISSUER!,
            clientId: raw.AUTH_OIDC_ID!,
            clientSecret: raw.AUTH_OIDC_SECRET,
            name: raw.AUTH_OIDC_NAME ?? 'Single sign-on',
          }
        : null,
      passwordLogin,
      allowSignup: raw.AUTH_ALLOW_SIGNUP,
    },
    rateLimits: {
      loginPerMinute: raw.RATE_LIMIT_LOGIN_PER_MINUTE,
      runsPerMinute: raw.RATE_LIMIT_RUNS_PER_MINUTE,
      signupPerHour: raw.RATE_LIMIT_SIGNUP_PER_HOUR,
      passwordChecksPerMinute: raw.RATE_LIMIT_PASSWORD_CHECKS_PER_MINUTE,
    },
    /** Believe X-Forwarded-For / X-Real-IP: only true behind a proxy that sets them. */
    trustProxyHeaders: raw.TRUST_PROXY_HEADERS ?? deployed,
    /** Where callbacks are delivered: APP_URL, else this server on PORT. */
    callbackBaseUrl: (raw.APP_URL ?? `http://127.0.0.1:${raw.PORT}`).replace(/\/+$/, ''),
    // The local dispatcher posts to this server itself (a public APP_URL would go out and back in), signed for
    // callbackBaseUrl all the same, which is what the callback verifies.
    localDispatchUrl: (raw.LOCAL_DISPATCH_URL ?? (raw.APP_URL && isLoopbackHost(new URL(raw.APP_URL).hostname) ? raw.APP_URL : `http://127.0.0.1:${raw.PORT}`)).replace(/\/+$/, ''),
    providers: {
      openai: { apiKey: raw.OPENAI_API_KEY, baseURL: raw.OPENAI_BASE_URL },
      anthropic: { apiKey: raw.ANTHROPIC_API_KEY, baseURL: raw.ANTHROPIC_BASE_URL },
      groq: { apiKey: raw.GROQ_API_KEY },
      openrouter: { apiKey: raw.OPENROUTER_API_KEY },
      together: { apiKey: raw.TOGETHER_API_KEY },
      ollama: { baseURL: raw.OLLAMA_BASE_URL },
      lmstudio: { baseURL: raw.LMSTUDIO_BASE_URL },
      vllm: { baseURL: raw.VLLM_BASE_URL },
    },
    llmTimeoutMs: raw.LLM_TIMEOUT_MS,
    // Workspace-chosen endpoints only: a local install talks to Ollama on localhost, a reachable one must not be
    // steered at its own network. The operator's own *_BASE_URL settings are never refused.
    allowPrivateProviderUrls: privateProviderUrlsAllowed({ setting: raw.ALLOW_PRIVATE_PROVIDER_URLS, deployed, appUrl: raw.APP_URL }),
    encryptionKey: raw.ENCRYPTION_KEY,
    webhooks: {
      allowPrivateUrls: privateProviderUrlsAllowed({ setting: raw.ALLOW_PRIVATE_WEBHOOK_URLS, deployed, appUrl: raw.APP_URL }),
      maxAttempts: raw.WEBHOOK_MAX_ATTEMPTS,
    },
    qstash: raw.QSTASH_TOKEN
      ? {
          token: raw.QSTASH_TOKEN,
          url: raw.QSTASH_URL,
          currentSigningKey: raw.QSTASH_CURRENT_SIGNING_KEY!,
          nextSigningKey: raw.QSTASH_NEXT_SIGNING_KEY!,
          publishTimeoutMs: raw.QSTASH_PUBLISH_TIMEOUT_MS,
        }
      : null,
    runs: {
      maxAttempts: raw.RUN_MAX_ATTEMPTS,
      cacheTtlSeconds: raw.RUN_CACHE_TTL_SECONDS,
      maxRenderedBytes: raw.RUN_MAX_RENDERED_BYTES,
      maxOutputChars: raw.RUN_MAX_OUTPUT_CHARS,
      /** How long a claimed run belongs to its executor: the provider timeout plus a margin for the writes. */
      leaseMs: raw.LLM_TIMEOUT_MS + LEASE_MARGIN_MS,
      concurrency: raw.RUN_CONCURRENCY,
      concurrencyPerWorkspace: raw.RUN_CONCURRENCY_PER_WORKSPACE,
    },
    redis: raw.UPSTASH_REDIS_REST_URL
      ? { url: raw.UPSTASH_REDIS_REST_URL, token: raw.UPSTASH_REDIS_REST_TOKEN!, timeoutMs: raw.UPSTASH_REDIS_TIMEOUT_MS }
      : null,
    cronSecret: raw.CRON_SECRET,
  };
}

function resolveDriver(raw: z.output<typeof envSchema>, problems: string[]): DatabaseDriver {
  const url = raw.DATABASE_URL;
  if (raw.DATABASE_DRIVER === 'pglite') {
    if (url) problems.push('DATABASE_DRIVER is pglite but DATABASE_URL is set: unset one of them');
    return 'pglite';
  }
  if (!url) {
    if (raw.DATABASE_DRIVER) problems.push(`DATABASE_URL is missing: DATABASE_DRIVER=${raw.DATABASE_DRIVER} needs a connection URL`);
    return 'pglite';
  }
  let host: string;
  try {
    const parsed = new URL(url);
    if (!['postgres:', 'postgresql:'].includes(parsed.protocol)) throw new Error('protocol');
    host = parsed.hostname;
  } catch {
    problems.push('DATABASE_URL is not a postgres:// or postgresql:// URL');
    return 'postgres';
  }
  if (raw.DATABASE_DRIVER) return raw.DATABASE_DRIVER;
  return host.endsWith('.neon.tech') || host === 'neon.tech' ? 'neon' : 'postgres';
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'EnvError';
  }
}

/** Parses a settings object (process.env by default); throws EnvError naming each bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty value means "not set" for every setting (.env.example copied as is lists them all empty).
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  return resolveEnv(parsed.data);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
