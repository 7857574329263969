import { Api } from './api.js';
import { resolveConnection } from './config.js';

/** What a command reads and writes besides its arguments: injectable, so commands run in tests as they run in a shell. */
export type CliIo = {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  fetch?: typeof fetch;
  /** Subscribes to SIGINT/SIGTERM (the process's in a shell); answers the unsubscribe. */
  onSignal?: (handler: (signal: 'SIGINT' | 'SIGTERM') => void) => () => void;
};

export class Context {
  constructor(readonly io: CliIo) {}

  out(line = ''): void {
    this.io.stdout.write(`${line}\n`);
  }

  err(line = ''): void {
    this.io.stderr.write(`${line}\n`);
  }

  get interactive(): boolean {
    return Boolean(this.io.stdout.isTTY) && !this.io.env.CI;
  }

  async api(): Promise<Api> {
    const { url, apiKey } = await resolveConnection(this.io.env);
    return new Api({ url, apiKey, fetch: this.io.fetch });
  }
}
