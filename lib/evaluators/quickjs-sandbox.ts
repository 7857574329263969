import 'server-only';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
// Only the workers use it; imported here too so deployments trace it (next.config lists it as external).
import 'quickjs-emscripten';
import { ApiError } from '@/lib/api/errors';
import { QUICKJS_WORKER_SOURCE } from './quickjs-worker-source';

/*
 * User JavaScript runs in QuickJS compiled to WebAssembly, never in the server's own VM: it sees no `process`,
 * `require`, network or file system, only its arguments. And it runs on worker threads, so even code that spins
 * until its time limit never holds the server's event loop: requests, streams and other cells go on. A worker
 * that does not answer within the limit and a grace period is terminated and replaced.
 */

export const JS_TIME_LIMIT_MS = 1_000;
export const JS_MEMORY_LIMIT_BYTES = 32 * 1024 * 1024;
export const WASM_MAX_BYTES = 64 * 1024 * 1024;
const WASM_INITIAL_BYTES = 16 * 1024 * 1024; // what the module is built with
const STACK_LIMIT_BYTES = 512 * 1024;
/** Longest JSON a function may return. */
export const MAX_RESULT_CHARS = 64 * 1024;
/** Sandboxes running at once; more calls wait their turn. */
const POOL_SIZE = 2;
// Loading the module on a fresh worker, and a busy machine, on top of the code's own limit.
const GRACE_MS = 5_000;
/** Calls waiting for a sandbox at most; past that a call is refused at once (its cell errors, retry-errors runs it). */
export const MAX_QUEUED = 1_000;
/** The compile check at creation waits this long at most, queue included. */
const CHECK_TIMEOUT_MS = 10_000;

export type SandboxResult = { ok: true; value: unknown } | { ok: false; error: string; timedOut?: true };
type Job = { kind: 'check' | 'run'; code: string; output?: string; contextJson?: string; timeLimitMs: number; memoryLimitBytes: number };
type Pending = { job: Job & { id: number }; resolve: (result: SandboxResult) => void };

/**
 * Where the worker resolves quickjs-emscripten from: Node's own resolution from here when there is one (tests,
 * tsx), else the app's directory (`next start`: a bundler's require.resolve answers a module id, not a path).
 */
function packageBase(): string {
  try {
    const resolved: unknown = createRequire(import.meta.url).resolve('quickjs-emscripten');
    if (typeof resolved === 'string' && path.isAbsolute(resolved)) return resolved;
  } catch {
    // fall through to the app's directory
  }
  return path.join(process.cwd(), 'package.json');
}

class SandboxWorker {
  private worker: Worker | null = null;
  private current: { pending: Pending; timer: NodeJS.Timeout } | null = null;

  get busy() {
    return this.current !== null;
  }

  private spawn(): Worker {
    const worker = new Worker(QUICKJS_WORKER_SOURCE, {
      eval: true,
      workerData: { base: packageBase(), wasmInitialBytes: WASM_INITIAL_BYTES, wasmMaxBytes: WASM_MAX_BYTES, stackLimitBytes: STACK_LIMIT_BYTES, maxResultChars: MAX_RESULT_CHARS },
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    });
    worker.unref(); // an idle sandbox never keeps the process alive
    worker.on('message', (message: { id: number; result: SandboxResult }) => {
      if (this.current?.pending.job.id === message.id) this.finish(message.result);
    });
    worker.on('error', (error) => this.fail(worker, `the sandbox stopped: ${error.message.slice(0, 200)}`));
    worker.on('exit', () => this.fail(worker, 'the sandbox stopped'));
    return worker;
  }

  run(pending: Pending, onIdle: () => void) {
    this.onIdle = onIdle;
    this.worker ??= this.spawn();
    const timer = setTimeout(() => {
      // Spinning past its own interrupt (or stuck loading): replace the worker.
      const worker = this.worker;
      this.worker = null;
      this.finish({ ok: false, error: 'timeout' });
      void worker?.terminate();
    }, pending.job.timeLimitMs + GRACE_MS);
    this.current = { pending, timer };
    this.worker.postMessage(pending.job);
  }

  private onIdle: () => void = () => {};

  private finish(result: SandboxResult) {
    const current = this.current;
    if (!current) return;
    clearTimeout(current.timer);
    this.current = null;
    current.pending.resolve(result);
    this.onIdle();
  }

  private fail(worker: Worker, message: string) {
    if (this.worker !== worker) return;
    this.worker = null;
    this.finish({ ok: false, error: message });
  }
}

const pool = Array.from({ length: POOL_SIZE }, () => new SandboxWorker());
const queue: Pending[] = [];
let nextId = 1;

function drain() {
  for (const worker of pool) {
    if (worker.busy) continue;
    const pending = queue.shift();
    if (!pending) return;
    worker.run(pending, drain);
  }
}

/**
 * Queues a job. One aborted before it starts is dropped (answering `aborted`): a cell whose deadline passed or that
 * was canceled costs no sandbox time. A full queue answers `busy`. Checks go first: they are short, and a creation
 * waits on them.
 */
function submit(job: Job, signal?: AbortSignal): Promise<SandboxResult> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve({ ok: false, error: 'aborted' });
    if (queue.length >= MAX_QUEUED) return resolve({ ok: false, error: 'busy' });
    const onAbort = () => {
      const at = queue.indexOf(pending);
      if (at === -1) return; // already running: its own time limit ends it
      queue.splice(at, 1);
      resolve({ ok: false, error: 'aborted' });
    };
    const pending: Pending = {
      job: { ...job, id: nextId++ },
      resolve: (result) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      },
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (job.kind === 'check') queue.unshift(pending);
    else queue.push(pending);
    drain();
  });
}

type Limits = { timeLimitMs?: number; memoryLimitBytes?: number };

/** Compiles without running: null when the code is a usable function body or expression, else the syntax error. */
export async function checkJavaScript(code: string): Promise<string | null> {
  const result = await submit({ kind: 'check', code, timeLimitMs: JS_TIME_LIMIT_MS, memoryLimitBytes: JS_MEMORY_LIMIT_BYTES }, AbortSignal.timeout(CHECK_TIMEOUT_MS));
  if (result.ok) return null;
  // Compiling never runs the code: anything but its own syntax error is the sandbox failing (or too busy), not the code.
  if (['timeout', 'memory', 'aborted', 'busy'].includes(result.error) || result.error.startsWith('the sandbox')) {
    console.error(`[evaluators] the JavaScript sandbox could not compile code: ${result.error}`);
    throw new ApiError('UNAVAILABLE', 'the JavaScript sandbox is not available right now: try again in a moment');
  }
  return result.error;
}

/**
 * Calls the user's function with `(output, context)`; `context` crosses as JSON. Answers its return value (as
 * JSON, so only plain data comes back) or the error: a throw, a syntax error, the time or memory limit.
 */
export async function runJavaScript({ code, output, context, signal, ...limits }: { code: string; output: string; context: unknown; signal?: AbortSignal } & Limits): Promise<SandboxResult> {
  const timeLimitMs = limits.timeLimitMs ?? JS_TIME_LIMIT_MS;
  const memoryLimitBytes = limits.memoryLimitBytes ?? JS_MEMORY_LIMIT_BYTES;
  const result = await submit({ kind: 'run', code, output, contextJson: JSON.stringify(context) ?? 'null', timeLimitMs, memoryLimitBytes }, signal);
  if (result.ok) return result;
  if (result.error === 'busy') return { ok: false, error: `the JavaScript evaluator is busy (${MAX_QUEUED.toLocaleString('en-US')} calls waiting): retry the errored cells later` };
  if (result.error === 'aborted') return { ok: false, error: 'not run: stopped while waiting for the sandbox' };
  if (result.error === 'timeout') return { ok: false, error: `the code ran longer than ${timeLimitMs / 1000} s and was stopped`, timedOut: true };
  if (result.error === 'memory') return { ok: false, error: `the code ran out of memory (the sandbox allows ${memoryLimitBytes / 1024 / 1024} MB) and was stopped` };
  return result;
}
