import type { CreateRunBody } from '@/lib/client/types';

/** What "Get code" shows how to run: a saved version (null: the current one) or the editor's unsaved draft. */
export type SnippetInput = {
  /** The app's public origin, e.g. `https://promptlab.example.com`. */
  appUrl: string;
  promptId: string;
  versionNumber: number | null;
  variables: Record<string, unknown>;
  /** Unsaved content: sent as `draft` instead of a version number. */
  draft?: CreateRunBody['draft'];
  /** The run panel's model choice and settings, when they differ from the version's. */
  overrides?: Pick<CreateRunBody, 'provider' | 'model' | 'params'>;
};

export type RunSnippets = { curl: string; typescript: string };

/** POSIX shell single quoting: `'` becomes `'\''`; nothing else is special inside single quotes. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The body of POST /api/v1/runs for this input. */
function runRequestBody(input: SnippetInput): CreateRunBody {
  return {
    promptId: input.promptId,
    ...(input.draft ? { draft: input.draft } : input.versionNumber !== null ? { versionNumber: input.versionNumber } : {}),
    variables: input.variables,
    ...input.overrides,
  };
}

const origin = (appUrl: string) => appUrl.replace(/\/+$/, '');

export function buildRunSnippets(input: SnippetInput): RunSnippets {
  const body = JSON.stringify(runRequestBody(input), null, 2);
  const runs = `${origin(input.appUrl)}/api/v1/runs`;
  const auth = `-H "Authorization: Bearer $PROMPTLAB_API_KEY"`;
  const curl = [
    '# Start the run: the answer (202) carries its id; jq reads it.',
    `RUN_ID=$(curl -sS -X POST ${shellQuote(runs)} \\`,
    `  ${auth} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)} | jq -r '.data.id')`,
    '',
    '# Read it: the status is queued or running until it is succeeded, failed or canceled.',
    `curl -sS ${shellQuote(`${runs}/`)}"$RUN_ID" ${auth}`,
    '',
    '# Or follow the output as it is written (Server-Sent Events).',
    `curl -sS -N ${shellQuote(`${runs}/`)}"$RUN_ID/stream" ${auth}`,
    '',
  ].join('\n');

  const typescript = [
    `const PROMPTLAB_URL = ${JSON.stringify(origin(input.appUrl))};`,
    'const headers = { Authorization: `Bearer ${process.env.PROMPTLAB_API_KEY}`, "Content-Type": "application/json" };',
    '',
    'type Run = { id: string; status: string; output: string | null; error: { code: string; message: string } | null };',
    'type Answer<T> = { data: T; error: null } | { data: null; error: { code: string; message: string } };',
    '',
    'async function call<T>(path: string, init?: RequestInit): Promise<T> {',
    '  const answer = (await (await fetch(`${PROMPTLAB_URL}${path}`, { headers, ...init })).json()) as Answer<T>;',
    '  if (answer.error) throw new Error(`${answer.error.code}: ${answer.error.message}`);',
    '  return answer.data;',
    '}',
    '',
    '// Start the run, then read it once a second until it has finished (or read /stream for Server-Sent Events).',
    `const started = await call<{ id: string }>("/api/v1/runs", { method: "POST", body: JSON.stringify(${body}) });`,
    'let run = await call<Run>(`/api/v1/runs/${started.id}`);',
    'while (run.status === "queued" || run.status === "running") {',
    '  await new Promise((resolve) => setTimeout(resolve, 1000));',
    '  run = await call<Run>(`/api/v1/runs/${started.id}`);',
    '}',
    'console.log(run.status, run.output ?? run.error?.message);',
    '',
  ].join('\n');
  return { curl, typescript };
}
