import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';

// The built `promptlab` binary against the running app (next start, the fake provider behind OPENAI_BASE_URL).
const BIN = path.resolve('packages/promptlab/dist/cli.js');

type Result = { code: number; stdout: string; stderr: string };

function promptlab(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

test('the CLI logs in, pulls and pushes prompts, deploys, runs, exports and imports, and tests promptfoo configs for CI', async ({ page, baseURL, user: _user }) => {
  test.setTimeout(240_000);
  await page.goto('/settings');
  await page.getByTestId('create-api-key').click();
  await page.getByTestId('api-key-name').fill('ci');
  await page.getByTestId('submit-api-key').click();
  const key = await page.getByTestId('new-api-key').inputValue();
  await page.getByTestId('close-new-key').click();

  const home = await mkdtemp(path.join(tmpdir(), 'promptlab-e2e-home-'));
  const work = await mkdtemp(path.join(tmpdir(), 'promptlab-e2e-work-'));
  await cp(path.resolve('tests/fixtures/cli'), path.join(work, 'fixtures'), { recursive: true });
  // No PROMPTLAB_* variables: the commands after login use what it stored.
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg'), CI: 'true' };
  const run = (...args: string[]) => promptlab(args, { cwd: work, env });

  // The key comes in on stdin, not the command line (where `ps` and the shell history would show it).
  const login = await promptlab(['login', '--url', baseURL!, '--key', '-'], { cwd: work, env, input: `${key}\n` });
  expect(login.code, login.stderr).toBe(0);
  expect(login.stdout).toContain('logged in to');

  const api = page.request;
  const headers = { authorization: `Bearer ${key}` };
  const created = await api.post('/api/v1/prompts', { headers, data: { title: 'Capitals', slug: 'cli-capitals', userPrompt: 'Name the capital of {{country}}.', model: { provider: 'openai', model: 'gpt-4o-mini' } } });
  expect(created.status()).toBe(201);
  const promptId = (await created.json()).data.id;

  // pull → edit → push saves version 2; push again saves nothing.
  expect((await run('pull')).code).toBe(0);
  const file = path.join(work, 'prompts', 'cli-capitals.prompt.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('Name the capital of {{country}}.', 'Name the capital city of {{country}}.'));
  const pushed = await run('push');
  expect(pushed.code, pushed.stderr).toBe(0);
  expect(pushed.stdout).toContain('saved cli-capitals v2');
  expect((await run('push')).stdout).toContain('0 of 1 changed');
  const versions = (await (await api.get(`/api/v1/prompts/${promptId}/versions`, { headers })).json()).data.items;
  expect(versions).toHaveLength(2);

  // deploy, then run through the label and wait for the reply.
  const deployed = await run('deploy', 'cli-capitals', '--label', 'production', '--version', '2', '--note', 'from CI');
  expect(deployed.code, deployed.stderr).toBe(0);
  const ran = await run('run', 'cli-capitals', '--var', 'country=France', '--wait', '30');
  expect(ran.code, ran.stderr).toBe(0);
  expect(ran.stdout).toContain('Name the capital city of France.');

  // export, then import the bundle back: everything is already there.
  const exported = await run('export', '--out', 'bundle.json');
  expect(exported.code, exported.stderr).toBe(0);
  expect(JSON.parse(await readFile(path.join(work, 'bundle.json'), 'utf8'))).toMatchObject({ format: 'promptlab.bundle', version: 1 });
  const imported = await run('import', 'bundle.json');
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toMatch(/created: nothing/);

  // promptlab test on promptfoo configs: pass (0, JUnit written), a failing assertion (1), a missing file (2).
  const passing = await run('test', 'fixtures/promptfoo/promptfooconfig.yaml', '--junit', 'out/junit.xml', '--markdown', 'out/summary.md');
  expect(passing.code, passing.stderr + passing.stdout).toBe(0);
  expect(passing.stdout).toContain('PASS: all 3 passed');
  expect(passing.stderr).toMatch(/progress: 3\/3 cells/);
  const junit = await readFile(path.join(work, 'out/junit.xml'), 'utf8');
  expect(junit).toContain('tests="3" failures="0" errors="0"');
  expect(await readFile(path.join(work, 'out/summary.md'), 'utf8')).toContain('✅');

  const failing = await run('test', 'fixtures/promptfoo/failing.yaml', '--junit', 'out/failing.xml');
  expect(failing.code, failing.stderr + failing.stdout).toBe(1);
  expect(failing.stdout).toContain('✗ France (fail)');
  expect(await readFile(path.join(work, 'out/failing.xml'), 'utf8')).toContain('<failure ');

  const invalid = await run('test', 'fixtures/promptfoo/invalid.yaml');
  expect(invalid.code).toBe(2);
  expect(invalid.stderr).toContain('prompts.0');

  const unsupported = await run('test', 'fixtures/promptfoo/unsupported.yaml');
  expect(unsupported.code).toBe(2);
  expect(unsupported.stderr).toContain('not checked: similar');
});
