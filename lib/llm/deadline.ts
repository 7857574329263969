import 'server-only';
import vm from 'node:vm';

// vm's `timeout` stops whatever synchronous JavaScript runs under it, including functions from this realm, so a
// slow validator cannot hold the event loop. Validators are synchronous, so one shared context suffices.
const context = vm.createContext({ job: null as (() => unknown) | null });
const script = new vm.Script('job()');

/** Runs `job` synchronously, throwing an error with code ERR_SCRIPT_EXECUTION_TIMEOUT after `ms`. */
export function withDeadline<T>(ms: number, job: () => T): T {
  context.job = job;
  try {
    return script.runInContext(context, { timeout: ms }) as T;
  } finally {
    context.job = null;
  }
}
