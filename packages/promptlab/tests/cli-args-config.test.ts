import { mkdtemp, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { intOption, parseCommandArgs, parseVarOptions } from '../src/cli/args.js';
import { configPath, resolveConnection, writeStoredConfig } from '../src/cli/config.js';
import { CliError } from '../src/cli/errors.js';
import { detectImportFormat } from '../src/cli/import-format.js';
import { fileFor } from '../src/cli/commands/pull.js';
import { readImportFile } from '../src/cli/commands/transfer.js';
import { main } from '../src/cli/main.js';
import { datasetNameFor, readOwnConfig, testFileKind } from '../src/cli/test/own-config.js';

describe('arguments', () => {
  it('parses options and points unknown ones at the command help', () => {
    const parsed = parseCommandArgs('run', ['greet', '--var', 'a=1', '--var', 'b=x=y', '--wait', '5'], { var: { type: 'string', multiple: true }, wait: { type: 'string' } });
    expect(parsed.positionals).toEqual(['greet']);
    expect(parseVarOptions(parsed.values.var as string[])).toEqual({ a: '1', b: 'x=y' });
    expect(intOption(parsed, 'wait', { min: 0, max: 60 })).toBe(5);
    expect(() => parseCommandArgs('run', ['--nope'], {})).toThrow(CliError);
    expect(() => parseCommandArgs('run', ['a', 'b'], {})).toThrow(/unexpected argument `b`/);
    expect(() => parseVarOptions(['novalue'])).toThrow(/name=value/);
    expect(() => intOption(parseCommandArgs('x', ['--wait', '61'], { wait: { type: 'string' } }), 'wait', { min: 0, max: 60 })).toThrow(/from 0 to 60/);
    expect(() => intOption(parseCommandArgs('x', ['--wait', '1.5'], { wait: { type: 'string' } }), 'wait')).toThrow(/whole number/);
  });
});

describe('connection settings', () => {
  it('stores the login in XDG_CONFIG_HOME with mode 0600, and the environment wins over it', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'promptlab-home-'));
    const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg') };
    expect(configPath(env)).toBe(path.join(home, 'xdg', 'promptlab', 'config.json'));
    expect(configPath({ HOME: home })).toBe(path.join(home, '.config', 'promptlab', 'config.json'));
    await expect(resolveConnection(env)).rejects.toThrow(/PROMPTLAB_URL/);
    const file = await writeStoredConfig({ url: 'http://stored.test', apiKey: 'pl_stored' }, env);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ url: 'http://stored.test', apiKey: 'pl_stored' });
    expect(await resolveConnection(env)).toEqual({ url: 'http://stored.test', apiKey: 'pl_stored' });
    expect(await resolveConnection({ ...env, PROMPTLAB_API_KEY: 'pl_env' })).toEqual({ url: 'http://stored.test', apiKey: 'pl_env' });
    expect(await resolveConnection({ PROMPTLAB_URL: 'https://x.test/', PROMPTLAB_API_KEY: 'k' })).toEqual({ url: 'https://x.test', apiKey: 'k' });
    // The stored key goes only to the stored server, never to another one named by PROMPTLAB_URL.
    expect(await resolveConnection({ ...env, PROMPTLAB_URL: 'HTTP://stored.test/' })).toEqual({ url: 'http://stored.test', apiKey: 'pl_stored' });
    await expect(resolveConnection({ ...env, PROMPTLAB_URL: 'https://evil.test' })).rejects.toThrow(
      'no API key for https://evil.test: run promptlab login --url https://evil.test or set PROMPTLAB_API_KEY',
    );
    await expect(resolveConnection({ ...env, PROMPTLAB_URL: 'http://stored.test:8080' })).rejects.toThrow(/no API key for/);
    expect(await resolveConnection({ ...env, PROMPTLAB_URL: 'https://evil.test', PROMPTLAB_API_KEY: 'pl_env' })).toEqual({ url: 'https://evil.test', apiKey: 'pl_env' });
    await writeFile(file, 'not json');
    await expect(resolveConnection(env)).rejects.toThrow(/not a PromptLab config/);
    await expect(resolveConnection({ PROMPTLAB_URL: 'ftp://x', PROMPTLAB_API_KEY: 'k' })).rejects.toThrow(/http/);
  });
});

describe('test files', () => {
  it('tells promptfoo configs from PromptLab test files', () => {
    expect(testFileKind({ prompts: ['x'], providers: ['openai:gpt-4o-mini'], tests: [] })).toBe('promptfoo');
    expect(testFileKind({ prompt: 'greet', cases: [], evaluators: [] })).toBe('promptlab');
    expect(testFileKind({ hello: 1 })).toBeNull();
    expect(testFileKind('text')).toBeNull();
  });

  it('checks a PromptLab test file and names every wrong field', () => {
    const config = readOwnConfig({ prompt: 'greet', label: 'production', models: ['openai/gpt-4o-mini', { provider: 'anthropic', model: 'claude-x' }], cases: [{ vars: { name: 'Ada' }, expect: 'Ada' }], evaluators: [{ type: 'contains', config: { value: '{{expected}}' } }], threshold: 0.5 }, 't.yaml');
    expect(config.models).toEqual([{ provider: 'openai', model: 'gpt-4o-mini' }, { provider: 'anthropic', model: 'claude-x' }]);
    try {
      readOwnConfig({ prompt: 'Not A Slug', label: 'x', versions: [0], cases: [{ vars: 'x', expected: 1 }], evaluators: [{}], threshold: 2, extra: true, models: ['nope'] }, 'bad.yaml');
      expect.unreachable();
    } catch (error) {
      expect((error as CliError).options.fields?.map((f) => f.path)).toEqual(
        expect.arrayContaining(['prompt', 'versions', 'cases.0.vars', 'cases.0.expected', 'evaluators.0.type', 'threshold', 'extra', 'models.0']),
      );
    }
    expect(() => readOwnConfig({ prompt: 'greet', cases: [], evaluators: [] }, 'empty.yaml')).toThrow(/not a valid test file/);
  });

  it('names the dataset after the file and a hash of its cases', () => {
    const cases = [{ vars: { a: 1 }, expect: 'x' }];
    expect(datasetNameFor('t.yaml', cases)).toBe(datasetNameFor('t.yaml', [{ vars: { a: 1 }, expect: 'x' }]));
    expect(datasetNameFor('t.yaml', cases)).not.toBe(datasetNameFor('t.yaml', [{ vars: { a: 2 }, expect: 'x' }]));
    expect(datasetNameFor('t.yaml', cases)).toMatch(/^cli: t\.yaml [0-9a-f]{12}$/);
  });
});

describe('import format detection', () => {
  it('recognises a bundle, promptfoo, Langfuse and OpenAI files', () => {
    expect(detectImportFormat('export.json', '{"format":"promptlab.bundle","version":1}')).toBe('promptlab');
    expect(detectImportFormat('promptfooconfig.yaml', 'prompts: []')).toBe('promptfoo');
    expect(detectImportFormat('config.yaml', 'prompts: [x]\nproviders: [openai:gpt-4o]\n')).toBe('promptfoo');
    expect(detectImportFormat('lf.json', '{"data":[{"name":"a","prompt":"x","type":"text","labels":[]}]}')).toBe('langfuse');
    expect(detectImportFormat('evals.jsonl', '{"input":[],"ideal":"x"}\n')).toBe('openai');
    expect(detectImportFormat('p.json', '[{"id":"pmpt_123","version":"2"}]')).toBe('openai');
    expect(detectImportFormat('x.txt', 'hello')).toBeNull();
  });
});

describe('main', () => {
  const io = (fetchImpl?: typeof fetch) => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: { env: { PROMPTLAB_URL: 'http://pl.test', PROMPTLAB_API_KEY: 'pl_k' }, cwd: tmpdir(), stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, fetch: fetchImpl },
    };
  };

  it('answers --help for every command', async () => {
    for (const command of ['login', 'pull', 'push', 'run', 'test', 'deploy', 'export', 'import']) {
      const t = io();
      expect(await main([command, '--help'], t.io)).toBe(0);
      expect(t.out.join('')).toContain(`Usage: promptlab ${command}`);
    }
    const t = io();
    expect(await main(['frobnicate'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('unknown command `frobnicate`');
  });

  it('pull refuses a server slug that would write outside --dir', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'promptlab-pull-'));
    const fetchImpl = (async (input: string | URL | Request) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      if (url.pathname === '/api/v1/prompts') return Response.json({ data: { items: [{ id: 'p1', slug: 'x' }], nextCursor: null } });
      return Response.json({ data: { id: 'p1', slug: '../../escaped', title: 'x', description: null, tags: [], currentVersion: null } });
    }) as unknown as typeof fetch;
    const t = io(fetchImpl);
    t.io.cwd = work;
    expect(await main(['pull', '--dir', 'out'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('is not a slug');
    await expect(stat(path.join(work, 'escaped.prompt.yaml'))).rejects.toThrow();
    await expect(stat(path.join(path.dirname(work), 'escaped.prompt.yaml'))).rejects.toThrow();
    expect(() => fileFor(path.join(work, 'out'), 'a'.repeat(81))).toThrow(/at most 80/);
    expect(fileFor(path.join(work, 'out'), 'ok-slug')).toBe(path.join(work, 'out', 'ok-slug.prompt.yaml'));
  });

  it('import checks the file size before reading and caps what it reads; export counts bytes', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'promptlab-io-'));
    const big = path.join(work, 'big.json');
    await writeFile(big, '');
    await truncate(big, 21 * 1024 * 1024); // sparse: no disk used
    await expect(readImportFile(big, 'big.json')).rejects.toThrow('big.json is 21.0 MB, larger than the 20.0 MB limit');
    await expect(readImportFile(work, 'work')).rejects.toThrow(/is a directory/);
    await writeFile(path.join(work, 'small.json'), '{"a":"é"}');
    expect(await readImportFile(path.join(work, 'small.json'), 'small.json')).toBe('{"a":"é"}');
    // A device has no size to check: the read itself stops at the cap.
    await expect(readImportFile('/dev/zero', 'zero', 1024 * 1024)).rejects.toThrow('zero is more than 1.0 MB, larger than the 1.0 MB limit');

    const t = io((async () => Response.json({ data: { title: 'héllo wörld' } })) as unknown as typeof fetch);
    t.io.cwd = work;
    expect(await main(['export', '--out', 'bundle.json'], t.io)).toBe(0);
    const size = (await stat(path.join(work, 'bundle.json'))).size;
    expect(t.err.join('')).toContain(`(${size} bytes)`);
  });

  it('prints the API message and fields, never a stack trace', async () => {
    const fetchImpl = (async () =>
      Response.json({ data: null, error: { code: 'INVALID_INPUT', message: '`variables.topic` is required', details: { fields: [{ path: 'variables.topic', message: 'is required' }] } } }, { status: 422 })) as unknown as typeof fetch;
    const t = io(fetchImpl);
    expect(await main(['run', 'greet'], t.io)).toBe(2);
    expect(t.err.join('')).toBe('error: `variables.topic` is required (INVALID_INPUT, HTTP 422)\n  variables.topic: is required\n');
    const html = io((async () => new Response('<html>', { status: 502 })) as unknown as typeof fetch);
    expect(await main(['run', 'greet'], html.io)).toBe(2);
    expect(html.err.join('')).toContain("without the API's error envelope");
  });
});
