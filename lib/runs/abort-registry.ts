import 'server-only';

// Runs executing in this process, so a cancel can stop the provider call at once. On another
// instance the cancel still wins: the executor's final write is fenced on status = 'running'.
const controllers = new Map<string, AbortController>();

export function registerExecution(runId: string): AbortController {
  const controller = new AbortController();
  controllers.set(runId, controller);
  return controller;
}

export function unregisterExecution(runId: string) {
  controllers.delete(runId);
}

export function abortExecution(runId: string): boolean {
  const controller = controllers.get(runId);
  controller?.abort();
  return Boolean(controller);
}

/** Whether this process is executing the run right now (its lease holder is alive, here). */
export function isExecutingHere(runId: string): boolean {
  return controllers.has(runId);
}
