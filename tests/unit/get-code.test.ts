import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildRunSnippets, type SnippetInput } from '@/lib/snippets/get-code';

const PROMPT_ID = '0b5f3c1e-8a77-4a57-9a0d-6f1f4f6c2a11';
// Quotes of both kinds, $ expansions, backticks, backslashes, newlines and a shell comment sign.
const NASTY = `it's "quoted" $HOME $(whoami) \`id\` \\n back\\slash\nline 2 # not a comment\n'`;

const input = (extra: Partial<SnippetInput> = {}): SnippetInput => ({
  appUrl: 'https://promptlab.example.com/',
  promptId: PROMPT_ID,
  versionNumber: 3,
  variables: { text: NASTY, n: 2, formal: true, data: { list: [1, 'two'] } },
  ...extra,
});

/** Runs the curl snippet in sh with stand-ins for curl and jq; answers each curl call's arguments. */
function runCurlSnippet(script: string): string[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-snippet-'));
  const log = path.join(dir, 'calls');
  const stubs = [
    // Each call: its arguments, one per record, NUL-separated; a blank record ends the call.
    `curl() { for a in "$@"; do printf '%s\\0' "$a" >> '${log}'; done; printf '\\0' >> '${log}'; printf '{"data":{"id":"run-1"}}'; }`,
    `jq() { cat > /dev/null; printf 'run-1'; }`,
  ].join('\n');
  execFileSync('sh', ['-c', `${stubs}\n${script}`], { env: { ...process.env, PROMPTLAB_API_KEY: 'pl_test' } });
  const text = fs.readFileSync(log, 'utf8');
  fs.rmSync(dir, { recursive: true });
  return text.split('\0\0').filter(Boolean).map((call) => call.split('\0'));
}

const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('Get code: curl', () => {
  it('passes the body through the shell unchanged, whatever the values hold', () => {
    const calls = runCurlSnippet(buildRunSnippets(input()).curl);
    expect(calls).toHaveLength(3);
    const [post, get, stream] = calls as [string[], string[], string[]];
    expect(post).toContain('https://promptlab.example.com/api/v1/runs');
    expect(after(post, '-X')).toBe('POST');
    expect(after(post, '-H')).toBe('Authorization: Bearer pl_test');
    expect(JSON.parse(after(post, '-d')!)).toEqual({
      promptId: PROMPT_ID,
      versionNumber: 3,
      variables: { text: NASTY, n: 2, formal: true, data: { list: [1, 'two'] } },
    });
    expect(get).toContain('https://promptlab.example.com/api/v1/runs/run-1');
    expect(stream).toContain('https://promptlab.example.com/api/v1/runs/run-1/stream');
    expect(stream).toContain('-N');
  });

  it('sends the draft instead of a version, and the current version when none is named', () => {
    const draft = { userPrompt: "Say {{text}} – don't stop", variables: [{ name: 'text', type: 'string' as const, required: true }] };
    const [withDraft] = runCurlSnippet(buildRunSnippets(input({ draft, versionNumber: 3 })).curl);
    const body = JSON.parse(after(withDraft!, '-d')!);
    expect(body.draft).toEqual(draft);
    expect(body).not.toHaveProperty('versionNumber');
    const [current] = runCurlSnippet(buildRunSnippets(input({ versionNumber: null })).curl);
    expect(JSON.parse(after(current!, '-d')!)).not.toHaveProperty('versionNumber');
  });

  it('keeps the key out of the snippet: the shell reads it from PROMPTLAB_API_KEY', () => {
    const { curl, typescript } = buildRunSnippets(input());
    expect(curl).toContain('"Authorization: Bearer $PROMPTLAB_API_KEY"');
    expect(typescript).toContain('process.env.PROMPTLAB_API_KEY');
  });
});

describe('Get code: TypeScript', () => {
  /** Compiles the snippet and runs it against a fake fetch that finishes the run on the second read. */
  async function runTypeScriptSnippet(source: string) {
    const { outputText, diagnostics } = ts.transpileModule(`export {};\n${source}`, {
      reportDiagnostics: true,
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    });
    expect(diagnostics ?? []).toEqual([]);
    const requests: { url: string; init: RequestInit | undefined }[] = [];
    let reads = 0;
    const fetch = async (url: string, init?: RequestInit) => {
      requests.push({ url, init });
      const data = init?.method === 'POST' ? { id: 'run-1', status: 'queued' } : { id: 'run-1', status: ++reads > 1 ? 'succeeded' : 'running', output: 'done', error: null };
      return { json: async () => ({ data, error: null }) };
    };
    const logs: unknown[][] = [];
    const body = outputText.replace(/^export \{\};?\s*$/m, '');
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
    const setTimeout = (resolve: () => void) => resolve();
    await new AsyncFunction('fetch', 'process', 'console', 'setTimeout', body)(fetch, { env: { PROMPTLAB_API_KEY: 'pl_test' } }, { log: (...args: unknown[]) => logs.push(args) }, setTimeout);
    return { requests, logs };
  }

  it('compiles, sends the same body as the curl snippet, and reads the run until it has finished', async () => {
    const { requests, logs } = await runTypeScriptSnippet(buildRunSnippets(input()).typescript);
    const [post, ...reads] = requests;
    expect(post!.url).toBe('https://promptlab.example.com/api/v1/runs');
    expect(post!.init?.headers).toMatchObject({ Authorization: 'Bearer pl_test' });
    expect(JSON.parse(String(post!.init?.body))).toEqual({
      promptId: PROMPT_ID,
      versionNumber: 3,
      variables: { text: NASTY, n: 2, formal: true, data: { list: [1, 'two'] } },
    });
    expect(reads.map((r) => r.url)).toEqual(['https://promptlab.example.com/api/v1/runs/run-1', 'https://promptlab.example.com/api/v1/runs/run-1']);
    expect(logs).toEqual([['succeeded', 'done']]);
  });

  it('writes the app URL as a string literal, so a quote in it cannot break the code', async () => {
    const { requests } = await runTypeScriptSnippet(buildRunSnippets(input({ appUrl: 'https://a"b.example' })).typescript);
    expect(requests[0]!.url).toBe('https://a"b.example/api/v1/runs');
  });
});
