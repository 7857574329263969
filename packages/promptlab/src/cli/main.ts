import { deploy, deployHelp } from './commands/deploy.js';
import { login, loginHelp } from './commands/login.js';
import { pull, pullHelp } from './commands/pull.js';
import { push, pushHelp } from './commands/push.js';
import { run, runHelp } from './commands/run.js';
import { test, testHelp } from './commands/test.js';
import { exportHelp, exportWorkspace, importFile, importHelp } from './commands/transfer.js';
import { Context, type CliIo } from './context.js';
import { describeError } from './errors.js';

type Command = { run: (ctx: Context, argv: string[]) => Promise<number>; help: string; summary: string };

const COMMANDS: Record<string, Command> = {
  login: { run: login, help: loginHelp, summary: 'store the server URL and an API key (checked first)' },
  pull: { run: pull, help: pullHelp, summary: 'write prompts to <slug>.prompt.yaml files' },
  push: { run: push, help: pushHelp, summary: 'create prompts and new versions from the files' },
  run: { run: run, help: runHelp, summary: 'run a prompt by slug and print the output' },
  test: { run: test, help: testHelp, summary: 'run a promptfoo config or a PromptLab test file as an experiment (CI exit codes)' },
  deploy: { run: deploy, help: deployHelp, summary: 'point a label (production, …) at a version' },
  export: { run: exportWorkspace, help: exportHelp, summary: 'download the workspace as one JSON bundle' },
  import: { run: importFile, help: importHelp, summary: 'import a bundle, promptfoo, Langfuse or OpenAI file' },
};

export const mainHelp = `promptlab: the PromptLab command line

Usage: promptlab <command> [options]     promptlab <command> --help

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}

Connection: PROMPTLAB_URL and PROMPTLAB_API_KEY, else what \`promptlab login\` stored.`;

/** Runs one command line and answers its exit code; errors are printed as the API's message and fields, never a stack. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const ctx = new Context(io);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    ctx.out(topic?.help ?? mainHelp);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    ctx.out(await packageVersion());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    ctx.err(`error: unknown command \`${name}\``);
    ctx.err(mainHelp);
    return 2;
  }
  try {
    return await command.run(ctx, rest);
  } catch (error) {
    for (const line of describeError(error)) ctx.err(line);
    return error instanceof Error && 'exitCode' in error && typeof error.exitCode === 'number' ? error.exitCode : 2;
  }
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
