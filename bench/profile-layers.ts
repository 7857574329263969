// Names the module and the layer of the stack a profiled function belongs to, from its (source-mapped) file.

const VM_FRAMES: Record<string, string> = {
  '(idle)': 'idle',
  '(garbage collector)': 'V8 garbage collector',
  '(program)': 'V8/native (program)',
  '(root)': 'root',
};

/** A package name (`next/server/lib` for Next's own, to show which part), a `node:` module, or a project path. */
export function moduleOf(file: string, functionName: string): string {
  if (!file) return functionName in VM_FRAMES ? functionName : '(native)';
  if (file.startsWith('wasm://')) return '@electric-sql/pglite (wasm)';
  if (file.startsWith('node:')) return file;
  const at = file.lastIndexOf('node_modules/');
  if (at >= 0) {
    const parts = file.slice(at + 'node_modules/'.length).split('/');
    const name = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    if (name !== 'next') return name;
    const rest = parts.slice(1).filter((p) => p !== 'dist' && p !== 'src' && p !== 'esm');
    return ['next', ...rest.slice(0, Math.min(2, rest.length - 1))].join('/');
  }
  if (file.includes('[turbopack]') || file.includes('turbopack')) return 'next/turbopack-runtime';
  if (file.includes('/.next/')) return `.next/${file.split('/.next/')[1]}`;
  return file.replace(/^\/work\/[^/]+\//, '');
}

const PACKAGE_LAYERS: Array<[RegExp, string]> = [
  [/^@electric-sql\/pglite/, 'PGlite (JS + wasm)'],
  [/^(pg|pg-protocol|pg-types|pg-pool|pgpass|pg-connection-string|postgres-\w+)$/, 'node-postgres driver'],
  [/^drizzle-orm$/, 'drizzle-orm'],
  [/^zod$/, 'zod'],
  [/^(next-auth|@auth\/\w+|jose|@panva\/hkdf|oauth4webapi|preact-render-to-string|preact)$/, 'Auth.js / jose'],
  // @opentelemetry/api: Next's own tracer wraps every request with it (it shows up under /api/health too).
  [/^(next($|\/)|react|react-dom|scheduler|@next\/|@swc\/helpers|@opentelemetry\/api$)/, 'Next.js runtime'],
  [/^(openai|@anthropic-ai\/sdk)$/, 'provider SDKs (openai, anthropic)'],
  [/^(gpt-tokenizer|js-tiktoken)$/, 'tokenizer'],
  [/^undici$/, 'undici package (the guarded provider fetch)'],
  [/^@upstash\//, 'Upstash clients'],
];

const NODE_LAYERS: Array<[RegExp, string]> = [
  // Node's bundled undici: fetch, and the Request/Response/Headers classes Next builds for every route handler.
  [/undici/, 'Node fetch, Request/Response (undici)'],
  [/crypto/, 'Node crypto'],
  [/http|net|stream|_tls|tls|dns|url|buffer|string_decoder/, 'Node http/net/streams'],
  [/timers|task_queues|async_hooks|promise|process|events/, 'Node timers/async/events'],
];

const PROJECT_LAYERS: Array<[RegExp, string]> = [
  [/^lib\/auth\//, 'PromptLab auth (lib/auth)'],
  [/^lib\/queue\//, 'PromptLab queue / local dispatcher'],
  [/^(lib\/run-channel|app\/api\/v1\/runs\/\[id\]\/stream)/, 'PromptLab run channel / SSE'],
  [/^lib\/runs\//, 'PromptLab runs (lib/runs)'],
  [/^lib\/(llm|providers|net)\//, 'PromptLab providers (lib/llm, lib/providers)'],
  [/^lib\/api\//, 'PromptLab API wrapper (lib/api)'],
  [/^lib\/(cache|ratelimit|redis)/, 'PromptLab cache / rate limit'],
  [/^lib\/templates\//, 'PromptLab templates'],
  [/^db\//, 'PromptLab queries (db/)'],
  [/^app\//, 'PromptLab routes (app/)'],
  [/^lib\//, 'PromptLab lib (other)'],
];

export function layerOf(module: string, file: string): string {
  if (module in VM_FRAMES) return VM_FRAMES[module]!;
  if (module === '(native)') return 'native builtins (microtask runner, syscalls)';
  if (module.includes('bench/server-probe')) return 'bench probe (statement counter)';
  if (module.startsWith('node:')) return NODE_LAYERS.find(([re]) => re.test(module))?.[1] ?? 'Node.js core (other)';
  if (file.includes('node_modules/') || module.includes('pglite') || module.startsWith('next/')) {
    return PACKAGE_LAYERS.find(([re]) => re.test(module))?.[1] ?? `other packages`;
  }
  if (module.startsWith('.next/')) return 'build chunks without a source map';
  return PROJECT_LAYERS.find(([re]) => re.test(module))?.[1] ?? 'other';
}
