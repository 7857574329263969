/*
 * The sandbox worker's code, run with `new Worker(source, { eval: true })` so no bundler has to find a worker
 * file. Plain JavaScript: it loads QuickJS (WebAssembly) from the app's node_modules and answers one job at a
 * time. Each job gets a fresh QuickJS runtime with a memory limit, a stack limit and an interrupt deadline; the
 * WebAssembly memory itself is capped (QuickJS's own limit undercounts many small allocations in this build,
 * and WebAssembly memory never shrinks). A module left unclean by an out-of-memory abort is replaced.
 */
export const QUICKJS_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, shouldInterruptAfterDeadline } = createRequire(workerData.base)('quickjs-emscripten');

const PAGE = 64 * 1024;
let modulePromise = null;
function quickjs() {
  if (modulePromise) return modulePromise;
  const wasmMemory = new WebAssembly.Memory({ initial: workerData.wasmInitialBytes / PAGE, maximum: workerData.wasmMaxBytes / PAGE });
  modulePromise = newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmMemory }));
  modulePromise.catch(() => { modulePromise = null; });
  return modulePromise;
}

const asExpression = (code) => '(function (output, context) { return (\n' + code + '\n); })';
const asBody = (code) => '(function (output, context) {\n' + code + '\n})';

function describeError(vm, handle) {
  const dumped = vm.dump(handle);
  if (dumped && typeof dumped === 'object' && typeof dumped.message === 'string') {
    return ((typeof dumped.name === 'string' ? dumped.name + ': ' : '') + dumped.message).slice(0, 500);
  }
  // QuickJS throws null when it cannot even allocate the error.
  if (dumped === null || dumped === undefined) return 'out of memory (or the code threw null)';
  return String(dumped).slice(0, 500);
}

function compiles(vm, source) {
  const result = vm.evalCode(source, 'evaluator.js', { compileOnly: true });
  if (result.error) {
    const message = describeError(vm, result.error);
    result.error.dispose();
    return message;
  }
  result.value.dispose();
  return null;
}

function check(vm, job) {
  if (compiles(vm, asExpression(job.code)) === null) return { ok: true, value: null };
  const problem = compiles(vm, asBody(job.code));
  return problem === null ? { ok: true, value: null } : { ok: false, error: problem };
}

function run(vm, job, deadline) {
  const fn = compiles(vm, asExpression(job.code)) === null ? asExpression(job.code) : asBody(job.code);
  for (const [name, text] of [['__output', job.output], ['__context', job.contextJson]]) {
    const handle = vm.newString(text);
    vm.setProp(vm.global, name, handle);
    handle.dispose();
  }
  const script = '(function () {\n  const fn = ' + fn + ';\n' +
    '  const result = fn(globalThis.__output, JSON.parse(globalThis.__context));\n' +
    "  if (result && typeof result.then === 'function') throw new TypeError('return a value, not a promise (async functions are not supported)');\n" +
    '  return JSON.stringify(result === undefined ? null : result);\n})()';
  const result = vm.evalCode(script, 'evaluator.js');
  if (result.error) {
    const message = describeError(vm, result.error);
    result.error.dispose();
    if (Date.now() >= deadline || /interrupted/i.test(message)) return { ok: false, error: 'timeout' };
    if (/out of memory/i.test(message)) return { ok: false, error: 'memory' };
    return { ok: false, error: message };
  }
  const json = vm.dump(result.value);
  result.value.dispose();
  if (typeof json !== 'string') return { ok: false, error: 'the code returned something that is not JSON' };
  if (json.length > workerData.maxResultChars) return { ok: false, error: 'the code returned more than ' + workerData.maxResultChars / 1024 + ' KB' };
  return { ok: true, value: JSON.parse(json) };
}

parentPort.on('message', async (job) => {
  let answer;
  try {
    const wasm = await quickjs();
    const deadline = Date.now() + job.timeLimitMs;
    const runtime = wasm.newRuntime({ memoryLimitBytes: job.memoryLimitBytes, maxStackSizeBytes: workerData.stackLimitBytes, interruptHandler: shouldInterruptAfterDeadline(deadline) });
    const vm = runtime.newContext();
    try {
      answer = job.kind === 'check' ? check(vm, job) : run(vm, job, deadline);
    } finally {
      try {
        vm.dispose();
        runtime.dispose();
      } catch {
        modulePromise = null; // quickjs-emscripten#257: a runtime that hit its limit may not free cleanly
      }
    }
  } catch (error) {
    answer = { ok: false, error: 'the sandbox failed: ' + (error && error.message ? String(error.message).slice(0, 200) : 'unknown error') };
  }
  parentPort.postMessage({ id: job.id, result: answer });
});
`;
