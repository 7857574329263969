import { createInterface } from 'node:readline/promises';
import type { components } from '../../generated/api.js';
import { Api } from '../api.js';
import { flag, parseCommandArgs, stringOption } from '../args.js';
import { configPath, normalizeUrl, writeStoredConfig } from '../config.js';
import type { CliIo, Context } from '../context.js';
import { CliError } from '../errors.js';

export const loginHelp = `Usage: promptlab login [--url https://promptlab.example.com] [--key pl_... | --key -]

--key - reads the key from stdin (e.g. \`printenv PL_KEY | promptlab login --url … --key -\`), so it stays out of
the shell history and the process list.

Checks the key against the server (GET /api/v1/me) and stores both in
$XDG_CONFIG_HOME/promptlab/config.json (default ~/.config/promptlab/config.json, mode 0600).
Asks for what is missing when run on a terminal. PROMPTLAB_URL and PROMPTLAB_API_KEY, when set, win over the file.
Create a key in PromptLab under Settings → API keys.`;

type Me = components['schemas']['Me'];

export async function login(ctx: Context, argv: string[]): Promise<number> {
  const args = parseCommandArgs('login', argv, { url: { type: 'string' }, key: { type: 'string' } }, { maxPositionals: 0 });
  if (flag(args, 'help')) return (ctx.out(loginHelp), 0);
  const url = normalizeUrl(stringOption(args, 'url') ?? ctx.io.env.PROMPTLAB_URL ?? (await ask(ctx, 'PromptLab URL: ')));
  const keyOption = stringOption(args, 'key');
  const apiKey = keyOption === '-' ? await readKeyFromStdin(ctx) : (keyOption ?? ctx.io.env.PROMPTLAB_API_KEY ?? (await ask(ctx, 'API key: ', { secret: true })));
  const me = await new Api({ url, apiKey, fetch: ctx.io.fetch }).get<Me>('/api/v1/me');
  const file = await writeStoredConfig({ url, apiKey }, ctx.io.env);
  ctx.out(`logged in to ${url} as ${me.user.name ?? me.user.email ?? 'this key'} (workspace ${me.workspace.name}, ${me.workspace.role})`);
  ctx.out(`saved to ${file}`);
  return 0;
}

async function ask(ctx: Context, question: string, { secret = false } = {}): Promise<string> {
  const stdin = ctx.io.stdin;
  if (!stdin?.isTTY) {
    const missing = secret ? '--key' : '--url';
    const hint = secret
      ? `pipe the key in with \`promptlab login --url <url> --key -\`, or set PROMPTLAB_API_KEY instead of logging in (stored in ${configPath(ctx.io.env)})`
      : `promptlab login --url <url> --key - (or set PROMPTLAB_URL and PROMPTLAB_API_KEY)`;
    throw new CliError(`${missing} is required when not on a terminal`, { hint });
  }
  const answer = (secret ? await readHidden(stdin as NodeJS.ReadStream, ctx.io.stderr, question) : await readLine(stdin, ctx.io.stderr, question)).trim();
  if (!answer) throw new CliError(`${question.replace(/: $/, '')} is required`);
  return answer;
}

const MAX_KEY_INPUT = 4096;

/** `--key -`: the first line of stdin (an API key is a few dozen characters; more than 4 KB is not one). */
async function readKeyFromStdin(ctx: Context): Promise<string> {
  const stdin = ctx.io.stdin;
  if (!stdin) throw new CliError('--key - reads the key from stdin, but there is none');
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.length > MAX_KEY_INPUT) throw new CliError(`--key - read more than ${MAX_KEY_INPUT} characters from stdin: pipe in only the API key`);
  }
  const key = text.split(/\r?\n/).find((line) => line.trim())?.trim();
  if (!key) throw new CliError('--key - read no API key from stdin', { hint: 'printenv PL_KEY | promptlab login --url <url> --key -' });
  return key;
}

async function readLine(stdin: NodeJS.ReadableStream, output: CliIo['stderr'], question: string): Promise<string> {
  const rl = createInterface({ input: stdin, output: output as NodeJS.WritableStream });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/** Reads a line without echoing it: an API key should not stay on the screen or in the scrollback. */
function readHidden(stdin: NodeJS.ReadStream, output: CliIo['stderr'], question: string): Promise<string> {
  output.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new CliError('canceled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}
