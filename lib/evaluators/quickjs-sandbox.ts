import 'server-only';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  RELEASE_SYNC,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';

/*
 * User JavaScript runs in QuickJS compiled to WebAssembly, never in the server's own VM: it sees no `process`,
 * `require`, network or file system, only its arguments. Each call gets a fresh runtime (its own heap, capped),
 * with an interrupt handler enforcing the time limit, so an endless loop or a huge allocation ends as an error.
 * The WebAssembly module is shared; it is synchronous, so calls never interleave.
 */

export const JS_TIME_LIMIT_MS = 1_000;
export const JS_MEMORY_LIMIT_BYTES = 32 * 1024 * 1024;
const JS_STACK_LIMIT_BYTES = 512 * 1024;
/** Longest JSON a function may return. */
export const MAX_RESULT_CHARS = 64 * 1024;
// QuickJS's own limit counts only a few bytes per block in this build (no malloc_usable_size), so many small
// allocations pass it: the WebAssembly memory itself is capped (it never shrinks, so this bounds the process).
const WASM_PAGE_BYTES = 64 * 1024;
const WASM_INITIAL_BYTES = 16 * 1024 * 1024; // what the module is built with
export const WASM_MAX_BYTES = 64 * 1024 * 1024;

let modulePromise: Promise<QuickJSWASMModule> | null = null;
function quickjs(): Promise<QuickJSWASMModule> {
  if (modulePromise) return modulePromise;
  const wasmMemory = new WebAssembly.Memory({ initial: WASM_INITIAL_BYTES / WASM_PAGE_BYTES, maximum: WASM_MAX_BYTES / WASM_PAGE_BYTES });
  return (modulePromise = newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmMemory })).catch((error: unknown) => {
    modulePromise = null;
    throw error;
  }));
}

export type SandboxResult = { ok: true; value: unknown } | { ok: false; error: string };

// An expression (`output.includes('x')`) is returned; anything else is the body of the function.
const asExpression = (code: string) => `(function (output, context) { return (\n${code}\n); })`;
const asBody = (code: string) => `(function (output, context) {\n${code}\n})`;

/** The error a handle holds, as one line (`SyntaxError: unexpected token…`). */
function describeError(vm: QuickJSContext, handle: QuickJSHandle): string {
  const dumped: unknown = vm.dump(handle);
  if (dumped && typeof dumped === 'object') {
    const { name, message } = dumped as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return `${typeof name === 'string' ? `${name}: ` : ''}${message}`.slice(0, 500);
  }
  // QuickJS throws null when it cannot even allocate the error.
  if (dumped === null || dumped === undefined) return 'out of memory (or the code threw null)';
  return String(dumped).slice(0, 500);
}

type Limits = { timeLimitMs?: number; memoryLimitBytes?: number };

/** Runs `job` in a fresh runtime and context, disposing both; a module that failed to clean up is replaced. */
async function withContext<T>(limits: Limits, job: (vm: QuickJSContext, deadline: number) => T): Promise<T> {
  const wasm = await quickjs();
  const deadline = Date.now() + (limits.timeLimitMs ?? JS_TIME_LIMIT_MS);
  const runtime = wasm.newRuntime({
    memoryLimitBytes: limits.memoryLimitBytes ?? JS_MEMORY_LIMIT_BYTES,
    maxStackSizeBytes: JS_STACK_LIMIT_BYTES,
    interruptHandler: shouldInterruptAfterDeadline(deadline),
  });
  const vm = runtime.newContext();
  try {
    return job(vm, deadline);
  } finally {
    try {
      vm.dispose();
      runtime.dispose();
    } catch (error) {
      // A leaked handle after an out-of-memory abort can leave the module unusable: start the next call afresh.
      console.warn('[evaluators] QuickJS runtime did not dispose cleanly; reloading the module', error);
      modulePromise = null;
    }
  }
}

/** Compiles without running: null when the code is a usable function body or expression, else the syntax error. */
export async function checkJavaScript(code: string): Promise<string | null> {
  return withContext({}, (vm) => {
    let bodyError: string | null = null;
    for (const source of [asExpression(code), asBody(code)]) {
      const result = vm.evalCode(source, 'evaluator.js', { compileOnly: true });
      if (!result.error) {
        result.value.dispose();
        return null;
      }
      bodyError = describeError(vm, result.error);
      result.error.dispose();
    }
    return bodyError;
  });
}

/** Which form compiles: the expression one first. */
function wrap(vm: QuickJSContext, code: string): string {
  const expression = asExpression(code);
  const compiled = vm.evalCode(expression, 'evaluator.js', { compileOnly: true });
  if (compiled.error) {
    compiled.error.dispose();
    return asBody(code);
  }
  compiled.value.dispose();
  return expression;
}

/**
 * Calls the user's function with `(output, context)`; `context` crosses as JSON. Answers its return value (as
 * JSON, so only plain data comes back) or the error: a throw, a syntax error, the time or memory limit.
 */
export async function runJavaScript({ code, output, context, ...limits }: { code: string; output: string; context: unknown } & Limits): Promise<SandboxResult> {
  return withContext(limits, (vm, deadline) => {
    const fn = wrap(vm, code);
    const outputHandle = vm.newString(output);
    const contextHandle = vm.newString(JSON.stringify(context) ?? 'null');
    vm.setProp(vm.global, '__output', outputHandle);
    vm.setProp(vm.global, '__context', contextHandle);
    outputHandle.dispose();
    contextHandle.dispose();
    const script = `(function () {
  const fn = ${fn};
  const result = fn(globalThis.__output, JSON.parse(globalThis.__context));
  if (result && typeof result.then === 'function') throw new TypeError('return a value, not a promise (async functions are not supported)');
  return JSON.stringify(result === undefined ? null : result);
})()`;
    const result = vm.evalCode(script, 'evaluator.js');
    if (result.error) {
      const message = describeError(vm, result.error);
      result.error.dispose();
      if (Date.now() >= deadline || /interrupted/i.test(message)) return { ok: false, error: `the code ran longer than ${(limits.timeLimitMs ?? JS_TIME_LIMIT_MS) / 1000} s and was stopped` };
      if (/out of memory/i.test(message)) return { ok: false, error: `the code ran out of memory (the sandbox allows ${(limits.memoryLimitBytes ?? JS_MEMORY_LIMIT_BYTES) / 1024 / 1024} MB) and was stopped` };
      return { ok: false, error: message };
    }
    const json: unknown = vm.dump(result.value);
    result.value.dispose();
    if (typeof json !== 'string') return { ok: false, error: 'the code returned something that is not JSON' };
    if (json.length > MAX_RESULT_CHARS) return { ok: false, error: `the code returned more than ${MAX_RESULT_CHARS / 1024} KB` };
    return { ok: true, value: JSON.parse(json) };
  });
}
