#!/usr/bin/env node
import { main } from './cli/main.js';

const code = await main(process.argv.slice(2), { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, fetch: undefined });
process.exitCode = code;
