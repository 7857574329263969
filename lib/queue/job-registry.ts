import 'server-only';

/** A signed job's callback as its route exports it (built by withQueueJob): verifies, caps, parses, runs. */
export type JobRequestHandler = (req: Request) => Promise<Response>;

// On globalThis: Next.js compiles routes and instrumentation (where recovery dispatches) into separate module
// graphs, and the process-wide local dispatcher must find the handler whichever graph registered it.
const globalForJobs = globalThis as typeof globalThis & { promptlabJobHandlers?: Map<string, JobRequestHandler> };
const handlers = () => (globalForJobs.promptlabJobHandlers ??= new Map());

/** Lets the local dispatcher hand this path's signed requests to `handler` in-process; the latest wins (dev reloads). */
export function registerJobHandler(path: string, handler: JobRequestHandler): void {
  handlers().set(path, handler);
}

/** The in-process handler for a callback path, if this process has loaded one. */
export function jobHandlerFor(path: string): JobRequestHandler | undefined {
  return handlers().get(path);
}
