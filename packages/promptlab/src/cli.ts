#!/usr/bin/env node
import { main } from './cli/main.js';

/** While a command listens (promptlab test cancels its experiment), Ctrl-C and a CI runner's SIGTERM reach it instead of killing the process. */
function onSignal(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void {
  const listener = (signal: NodeJS.Signals) => handler(signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}

const code = await main(process.argv.slice(2), { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, fetch: undefined, onSignal });
process.exitCode = code;
