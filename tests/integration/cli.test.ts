import { cp, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../packages/promptlab/src/cli/context';
import { main } from '../../packages/promptlab/src/cli/main';
import { startAppServer, type AppServer } from './app-route-server';
import { createTestUser, type TestUser } from './helpers';

// The CLI's commands, in this process, against every app route over real HTTP (and the fake provider).
let app: AppServer;
let user: TestUser;
let other: TestUser;
let home: string;

beforeAll(async () => {
  app = await startAppServer();
  user = await createTestUser();
  other = await createTestUser();
  home = await mkdtemp(path.join(tmpdir(), 'promptlab-cli-home-'));
});

afterAll(async () => {
  await app?.close();
});

type Result = { code: number; out: string; err: string };

type Extra = { stdin?: string; fetch?: typeof fetch; onSignal?: CliIo['onSignal'] };

async function cli(argv: string[], { cwd = home, key = user.key, env = {} as Record<string, string | undefined>, stdin, fetch: fetchImpl, onSignal }: { cwd?: string; key?: string; env?: Record<string, string | undefined> } & Extra = {}): Promise<Result> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    env: { HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg'), PROMPTLAB_URL: app.url, PROMPTLAB_API_KEY: key, ...env },
    cwd,
    stdin: stdin === undefined ? undefined : Readable.from([stdin]),
    fetch: fetchImpl,
    onSignal,
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
  });
  return { code, out, err };
}

async function api<T = any>(method: string, route: string, body?: unknown, key = user.key): Promise<{ status: number; data: T; error: any }> {
  const res = await fetch(`${app.url}${route}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, ...(await res.json()) };
}

async function workdir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'promptlab-cli-work-'));
}

describe('login', () => {
  it('checks the key, stores it with mode 0600, and later commands use it', async () => {
    const noEnv = { PROMPTLAB_URL: undefined, PROMPTLAB_API_KEY: undefined };
    const bad = await cli(['login', '--url', app.url, '--key', 'pl_not_a_key'], { env: noEnv });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('UNAUTHORIZED');
    const missing = await cli(['pull'], { env: noEnv });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('promptlab login');

    const ok = await cli(['login', '--url', `${app.url}/`, '--key', user.key], { env: noEnv });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain(`logged in to ${app.url}`);
    const file = path.join(home, 'xdg', 'promptlab', 'config.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ url: app.url, apiKey: user.key });
    const dir = await workdir();
    expect((await cli(['pull'], { cwd: dir, env: noEnv })).code).toBe(0);
  });

  it('reads the key from stdin with --key -, and points at it and PROMPTLAB_API_KEY when there is no terminal', async () => {
    const env = { PROMPTLAB_URL: undefined, PROMPTLAB_API_KEY: undefined, XDG_CONFIG_HOME: path.join(home, 'xdg-stdin') };
    const noTty = await cli(['login', '--url', app.url], { env, stdin: '' });
    expect(noTty.code).toBe(2);
    expect(noTty.err).toContain('--key -');
    expect(noTty.err).toContain('PROMPTLAB_API_KEY');
    const empty = await cli(['login', '--url', app.url, '--key', '-'], { env, stdin: '\n' });
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('read no API key from stdin');
    const ok = await cli(['login', '--url', app.url, '--key', '-'], { env, stdin: `${user.key}\n` });
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(await readFile(path.join(home, 'xdg-stdin', 'promptlab', 'config.json'), 'utf8'))).toEqual({ url: app.url, apiKey: user.key });
  });

  it('never sends the stored key to another server named by PROMPTLAB_URL', async () => {
    const env = { PROMPTLAB_URL: 'http://127.0.0.1:9', PROMPTLAB_API_KEY: undefined };
    const result = await cli(['pull'], { cwd: await workdir(), env });
    expect(result.code).toBe(2);
    expect(result.err).toContain('no API key for http://127.0.0.1:9');
  });
});

describe('pull and push', () => {
  it('round-trips prompts through files: nothing without edits, a version per edit, refusal when the server moved on', async () => {
    const created = await api('POST', '/api/v1/prompts', { title: 'Support reply', slug: 'cli-support', tags: ['cli'], systemPrompt: 'You help customers.\nBe brief.', userPrompt: 'Answer about {{topic}}.' });
    expect(created.status).toBe(201);
    const id = created.data.id;
    const dir = await workdir();

    const pulled = await cli(['pull', 'cli-support'], { cwd: dir });
    expect(pulled.code, pulled.err).toBe(0);
    const file = path.join(dir, 'prompts', 'cli-support.prompt.yaml');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('systemPrompt: |-\n  You help customers.\n  Be brief.');
    expect(text).toContain('version: 1');

    const unchanged = await cli(['push'], { cwd: dir });
    expect(unchanged.code, unchanged.err).toBe(0);
    expect(unchanged.out).toContain('unchanged cli-support');
    expect((await api('GET', `/api/v1/prompts/${id}`)).data.versionCount).toBe(1);

    await writeFile(file, text.replace('Answer about {{topic}}.', 'Answer about {{topic}} for {{customer}}.'));
    const dry = await cli(['push', '--dry-run'], { cwd: dir });
    expect(dry.out).toContain('would save a new version of cli-support');
    expect((await api('GET', `/api/v1/prompts/${id}`)).data.versionCount).toBe(1);
    const pushed = await cli(['push', '--message', 'from the CLI'], { cwd: dir });
    expect(pushed.code, pushed.err).toBe(0);
    expect(pushed.out).toContain('saved cli-support v2');
    const v2 = (await api('GET', `/api/v1/prompts/${id}`)).data.currentVersion;
    expect(v2).toMatchObject({ versionNumber: 2, userPrompt: 'Answer about {{topic}} for {{customer}}.', notes: 'from the CLI' });
    // The file now says version 2 and declares the variable the server added.
    const after = await readFile(file, 'utf8');
    expect(after).toContain('version: 2');
    expect(after).toContain('name: customer');
    expect((await cli(['push'], { cwd: dir })).out).toContain('0 of 1 changed');
    expect((await api('GET', `/api/v1/prompts/${id}`)).data.versionCount).toBe(2);

    // Someone saves in the UI; an edit of the old file is refused, and nothing is written.
    expect((await api('POST', `/api/v1/prompts/${id}/versions`, { systemPrompt: 'You help customers kindly.', userPrompt: 'Answer about {{topic}} for {{customer}}.' })).status).toBe(201);
    await writeFile(file, after.replace('Be brief.', 'Be very brief.'));
    const refused = await cli(['push'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("the server's latest is version 3");
    expect((await api('GET', `/api/v1/prompts/${id}`)).data.versionCount).toBe(3);
    const forced = await cli(['push', '--force'], { cwd: dir });
    expect(forced.code, forced.err).toBe(0);
    expect((await api('GET', `/api/v1/prompts/${id}`)).data.currentVersion.systemPrompt).toBe('You help customers.\nBe very brief.');

    // A UI change shows up on the next pull; a new file creates its prompt.
    await api('PATCH', `/api/v1/prompts/${id}`, { title: 'Support answer' });
    await cli(['pull'], { cwd: dir });
    expect(await readFile(file, 'utf8')).toContain('title: Support answer');
    // A pull never overwrites unpushed edits unless forced.
    const edited = (await readFile(file, 'utf8')).replace('Be very brief.', 'Be brief, please.');
    await writeFile(file, edited);
    const kept = await cli(['pull', 'cli-support'], { cwd: dir });
    expect(kept.code).toBe(1);
    expect(kept.err).toContain('its content differs from version 4');
    expect(await readFile(file, 'utf8')).toBe(edited);
    await writeFile(file, edited.replace('version: 4', 'version: 2'));
    expect((await cli(['pull', 'cli-support'], { cwd: dir })).err).toContain('its content differs from version 2');
    const discarded = await cli(['pull', 'cli-support', '--force'], { cwd: dir });
    expect(discarded.code, discarded.err).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('Be very brief.');
    await writeFile(path.join(dir, 'prompts', 'cli-new.prompt.yaml'), 'slug: cli-new\ntitle: New one\nuserPrompt: Hello {{name}}\n');
    const createdByPush = await cli(['push'], { cwd: dir });
    expect(createdByPush.out).toContain('created cli-new v1');
    expect(await readFile(path.join(dir, 'prompts', 'cli-new.prompt.yaml'), 'utf8')).toContain('version: 1');

    // Another workspace's key sees none of it.
    const elsewhere = await cli(['pull', 'cli-support'], { cwd: dir, key: other.key });
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.err).toContain('no prompt with slug `cli-support`');
  });

  it('names the fields of an invalid file and the server\'s field errors', async () => {
    const dir = await workdir();
    await cp(path.resolve('tests/fixtures/cli'), path.join(dir, 'fixtures'), { recursive: true });
    await writeFile(path.join(dir, 'bad.prompt.yaml'), 'slug: cli-bad\ntitle: Bad\nmessages:\n  - role: narrator\n    content: x\n');
    const local = await cli(['push', 'bad.prompt.yaml'], { cwd: dir });
    expect(local.code).toBe(2);
    expect(local.err).toContain('messages.0.role: must be `system`, `user` or `assistant`');
    await writeFile(path.join(dir, 'bad.prompt.yaml'), 'slug: cli-bad\ntitle: Bad\nuserPrompt: "Hi {{name"\n');
    const remote = await cli(['push', 'bad.prompt.yaml'], { cwd: dir });
    expect(remote.code).toBe(2);
    expect(remote.err).toMatch(/INVALID_INPUT, HTTP 422\)\n {2}userPrompt: /);
  });
});

describe('deploy and run', () => {
  it('moves a label and runs through it, waiting for the output', async () => {
    const created = await api('POST', '/api/v1/prompts', { title: 'Greeter', slug: 'cli-greet', userPrompt: 'Say hello to {{name}}.', model: { provider: 'openai', model: 'gpt-4o-mini' } });
    await api('POST', `/api/v1/prompts/${created.data.id}/versions`, { userPrompt: 'Say goodbye to {{name}}.' });

    const deployed = await cli(['deploy', 'cli-greet', '--label', 'production', '--version', '1', '--note', 'first release']);
    expect(deployed.code, deployed.err).toBe(0);
    expect(deployed.out).toContain('cli-greet: production → v1');
    const labels = (await api('GET', `/api/v1/prompts/${created.data.id}/labels`)).data;
    expect(labels.find((l: any) => l.name === 'production').targets).toEqual([{ versionNumber: 1, weight: 100 }]);
    const deployments = (await api('GET', `/api/v1/prompts/${created.data.id}/deployments`)).data.items;
    expect(deployments[0]).toMatchObject({ label: 'production', note: 'first release', via: 'api_key' });

    const again = await cli(['deploy', 'cli-greet', '--label', 'production', '--version', '1']);
    expect(again.out).toContain('production is already at v1 (nothing changed)');
    expect((await api('GET', `/api/v1/prompts/${created.data.id}/deployments`)).data.items).toHaveLength(deployments.length);
    const unknown = await cli(['deploy', 'cli-greet', '--label', 'production', '--version', '9']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('versionNumber');
    const noPrompt = await cli(['deploy', 'cli-no-such-prompt', '--label', 'production', '--version', '1']);
    expect(noPrompt.code).toBe(2);
    expect(noPrompt.err).toContain('no prompt with slug `cli-no-such-prompt`');
    const elsewhere = await cli(['deploy', 'cli-greet', '--label', 'production', '--version', '2'], { key: other.key });
    expect(elsewhere.err).toContain('no prompt with slug `cli-greet`');

    const run = await cli(['run', 'cli-greet', '--var', 'name=Ada', '--wait', '30']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Say hello to Ada.');
    const latest = await cli(['run', 'cli-greet', '--label', 'latest', '--var', 'name=Ada', '--json']);
    expect(JSON.parse(latest.out)).toMatchObject({ status: 'succeeded', versionNumber: 2 });
    const missing = await cli(['run', 'cli-greet']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('variables.name');
  });
});

describe('test', () => {
  let fixtures: string;
  beforeAll(async () => {
    fixtures = path.join(await workdir(), 'fixtures');
    await cp(path.resolve('tests/fixtures/cli'), fixtures, { recursive: true });
    const created = await api('POST', '/api/v1/prompts', { title: 'Capitals', slug: 'cli-capitals', userPrompt: 'Name the capital of {{country}}.', model: { provider: 'openai', model: 'gpt-4o-mini' } });
    await api('PUT', `/api/v1/prompts/${created.data.id}/labels/production`, { versionNumber: 1 });
  });

  it('runs a PromptLab test file: 0 when every case passes, with JUnit and Markdown written', async () => {
    const result = await cli(['test', 'capitals.test.yaml', '--junit', 'out/junit.xml', '--markdown', 'out/summary.md'], { cwd: fixtures });
    expect(result.code, result.err + result.out).toBe(0);
    expect(result.out).toMatch(/v1 production\s+100%\s+2\s+2\s+0\s+0/);
    expect(result.out).toContain('PASS: all 2 passed');
    const junit = await readFile(path.join(fixtures, 'out/junit.xml'), 'utf8');
    expect(junit).toContain('<testsuites name="Capitals (CLI)" tests="2" failures="0" errors="0"');
    expect(junit).toContain('<testcase name="France"');
    expect(await readFile(path.join(fixtures, 'out/summary.md'), 'utf8')).toContain('## ✅ PromptLab test: Capitals (CLI)');
    // The same file again reuses its dataset.
    const datasets = (await api('GET', '/api/v1/datasets?q=capitals.test.yaml')).data.items;
    expect((await cli(['test', 'capitals.test.yaml'], { cwd: fixtures })).code).toBe(0);
    expect((await api('GET', '/api/v1/datasets?q=capitals.test.yaml')).data.items).toHaveLength(datasets.length);
  });

  it('exits 1 on a failing case, naming it and the reason', async () => {
    const result = await cli(['test', 'capitals-failing.test.yaml', '--junit', 'fail.xml'], { cwd: fixtures });
    expect(result.code, result.err + result.out).toBe(1);
    expect(result.out).toContain('✗ France expects Paris (fail)');
    expect(result.out).toContain('does not contain "Paris"');
    expect(await readFile(path.join(fixtures, 'fail.xml'), 'utf8')).toMatch(/<failure message="contains: the output does not contain &quot;Paris&quot;/);
  });

  it('cancels the experiment at --timeout and exits 2, the unfinished cases reported as errors', async () => {
    app.llm.configure({ latencyMs: 8_000, ttftMs: 8_000 });
    try {
      // Cases no earlier run had, so no cell is reused from the cache and every call meets the slow provider.
      await writeFile(path.join(fixtures, 'slow.test.yaml'), `prompt: cli-capitals\ncases:\n  - vars: { country: Slowland ${Date.now()} }\n  - vars: { country: Lateland ${Date.now()} }\nevaluators:\n  - type: contains\n    config: { value: land }\n`);
      const result = await cli(['test', 'slow.test.yaml', '--timeout', '1', '--junit', 'timeout.xml'], { cwd: fixtures });
      expect(result.code, result.err + result.out).toBe(2);
      expect(result.err).toContain('timed out after 1 s: canceling the experiment');
      expect(result.out).toMatch(/ERROR: 2 errored/);
      expect(await readFile(path.join(fixtures, 'timeout.xml'), 'utf8')).toContain('errors="2"');
    } finally {
      app.llm.reset();
    }
  });

  it('cancels the experiment on SIGINT and exits 130', async () => {
    app.llm.configure({ latencyMs: 8_000, ttftMs: 8_000 });
    try {
      await writeFile(path.join(fixtures, 'signal.test.yaml'), `prompt: cli-capitals\ncases:\n  - vars: { country: Sigland ${Date.now()} }\nevaluators:\n  - type: contains\n    config: { value: land }\n`);
      let unsubscribed = false;
      const onSignal: CliIo['onSignal'] = (handler) => {
        const timer = setTimeout(() => handler('SIGINT'), 1500);
        return () => {
          clearTimeout(timer);
          unsubscribed = true;
        };
      };
      const result = await cli(['test', 'signal.test.yaml'], { cwd: fixtures, onSignal });
      expect(result.code, result.err + result.out).toBe(130);
      expect(result.err).toContain('SIGINT: canceling experiment');
      expect(unsubscribed).toBe(true);
      const id = /experiment ([0-9a-f-]{36}):/.exec(result.err)?.[1];
      expect((await api('GET', `/api/v1/experiments/${id}`)).data.status).toBe('canceled');
    } finally {
      app.llm.reset();
    }
  });

  it('keeps waiting through a dropped connection and a 503 while the experiment runs', async () => {
    app.llm.configure({ latencyMs: 1_500, ttftMs: 1_500 });
    try {
      await writeFile(path.join(fixtures, 'flaky.test.yaml'), `prompt: cli-capitals\ncases:\n  - vars: { country: Flakyland ${Date.now()} }\nevaluators:\n  - type: contains\n    config: { value: land }\n`);
      let polls = 0;
      const flaky = (async (input: string | URL | Request, init?: RequestInit) => {
        const url = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
        if (/\/api\/v1\/experiments\/[0-9a-f-]{36}$/.test(new URL(url).pathname) && (init?.method ?? 'GET') === 'GET') {
          polls += 1;
          if (polls === 2) throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
          if (polls === 3) return Response.json({ data: null, error: { code: 'UNAVAILABLE', message: 'restarting' } }, { status: 503 });
        }
        return fetch(input, init);
      }) as typeof fetch;
      const result = await cli(['test', 'flaky.test.yaml'], { cwd: fixtures, fetch: flaky });
      expect(polls).toBeGreaterThan(3);
      expect(result.code, result.err + result.out).toBe(0);
      expect(result.out).toMatch(/1 passed|passed/i);
    } finally {
      app.llm.reset();
    }
  });

  it('exits 2 on an invalid file, naming the fields, and runs nothing', async () => {
    const result = await cli(['test', 'capitals-invalid.test.yaml'], { cwd: fixtures });
    expect(result.code).toBe(2);
    expect(result.err).toContain('cases.0.expected: is not a case field');
    expect(result.err).toContain('evaluators: add at least one evaluator');
    const bogus = await cli(['test', 'capitals.test.yaml', '--concurrency', '0'], { cwd: fixtures });
    expect(bogus.code).toBe(2);
  });
});

describe('export and import', () => {
  it('exports the workspace and imports it into another one, twice without duplicates', async () => {
    await api('POST', '/api/v1/prompts', { title: 'Exported', slug: 'cli-exported', userPrompt: 'Export {{me}}' });
    const dir = await workdir();
    const exported = await cli(['export', '--out', 'bundle.json'], { cwd: dir });
    expect(exported.code, exported.err).toBe(0);
    const bundle = JSON.parse(await readFile(path.join(dir, 'bundle.json'), 'utf8'));
    expect(bundle).toMatchObject({ format: 'promptlab.bundle', version: 1 });
    expect(bundle.prompts.map((p: any) => p.slug)).toContain('cli-exported');

    const dry = await cli(['import', 'bundle.json', '--dry-run'], { cwd: dir, key: other.key });
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/would create: \d+ prompts/);
    expect((await api('GET', '/api/v1/prompts?q=cli-exported', undefined, other.key)).data.items).toHaveLength(0);
    const first = await cli(['import', 'bundle.json'], { cwd: dir, key: other.key });
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('bundle.json (promptlab)');
    expect(first.out).toMatch(/created: \d+ prompts/);
    expect((await api('GET', '/api/v1/prompts?q=cli-exported', undefined, other.key)).data.items).toHaveLength(1);
    const second = await cli(['import', 'bundle.json', '--json'], { cwd: dir, key: other.key });
    expect(Object.values(JSON.parse(second.out).created).every((n) => n === 0)).toBe(true);

    await writeFile(path.join(dir, 'mystery.txt'), 'hello');
    const unknown = await cli(['import', 'mystery.txt'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('pass --format');
  });
});

describe('test on promptfoo configs', () => {
  let fixtures: string;
  beforeAll(async () => {
    fixtures = path.join(await workdir(), 'fixtures');
    await cp(path.resolve('tests/fixtures/cli'), fixtures, { recursive: true });
  });

  it('runs an unchanged config with file:// prompts and CSV tests: exit 0 and JUnit', async () => {
    const result = await cli(['test', 'promptfoo/promptfooconfig.yaml', '--junit', 'out/junit.xml'], { cwd: fixtures });
    expect(result.code, result.err + result.out).toBe(0);
    expect(result.out).toContain('PASS: all 3 passed');
    const junit = await readFile(path.join(fixtures, 'out/junit.xml'), 'utf8');
    expect(junit).toContain('tests="3" failures="0" errors="0"');
    expect(junit).toContain('<testcase name="South Korea"');
  });

  it('exits 1 on a failing assertion', async () => {
    const result = await cli(['test', 'promptfoo/failing.yaml'], { cwd: fixtures });
    expect(result.code, result.err + result.out).toBe(1);
    expect(result.out).toContain('✗ France (fail)');
    expect(result.out).toContain('Paris');
  });

  it('exits 2 naming unsupported assertions, unless --skip-unsupported', async () => {
    const refused = await cli(['test', 'promptfoo/unsupported.yaml'], { cwd: fixtures });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('not checked: similar');
    expect(refused.err).toContain('nothing was run');
    const skipped = await cli(['test', 'promptfoo/unsupported.yaml', '--skip-unsupported', '--markdown', 'out/u.md'], { cwd: fixtures });
    expect(skipped.code, skipped.err + skipped.out).toBe(0);
    expect(await readFile(path.join(fixtures, 'out/u.md'), 'utf8')).toContain('### Not checked');
  });

  it('exits 2 on a config that points at a missing file', async () => {
    const result = await cli(['test', 'promptfoo/invalid.yaml'], { cwd: fixtures });
    expect(result.code).toBe(2);
    expect(result.err).toContain('`prompts.0`: cannot read file://missing-prompt.txt');
  });
});
