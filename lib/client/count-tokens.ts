import { encodingForModel } from '@/lib/llm/token-encoding';
import type { TextCounts } from './token-budget';
import type { TokenReply, TokenRequest } from './token-worker';

// In the worker a count may take this long; on the main thread (no worker) it must stay within a frame or so.
const WORKER_BUDGET_MS = 200;
const MAIN_THREAD_BUDGET_MS = 8;

let worker: Worker | null | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (counts: TextCounts) => void; reject: (error: Error) => void }>();

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    // A classic worker: what Turbopack emits whatever the options say, and it loads its chunks with importScripts.
    const started = new Worker(new URL('./token-worker.ts', import.meta.url));
    started.onmessage = ({ data }: MessageEvent<TokenReply>) => {
      const waiting = pending.get(data.id);
      pending.delete(data.id);
      if ('error' in data) waiting?.reject(new Error(data.error));
      else waiting?.resolve({ counts: data.counts, estimated: data.estimated });
    };
    // A worker that cannot start (a policy, a failed chunk): count on the main thread from now on.
    started.onerror = () => {
      worker = null;
      for (const waiting of pending.values()) waiting.reject(new Error('The token counter stopped.'));
      pending.clear();
    };
    return started;
  } catch {
    return null;
  }
}

/** Tokens of each text for `model` (its encoding), counted off the main thread when the browser allows. */
export async function countTokensFor(texts: readonly string[], model: string | undefined): Promise<TextCounts> {
  const encoding = encodingForModel(model);
  if (worker === undefined) worker = startWorker();
  const target = worker;
  if (target) {
    try {
      return await new Promise<TextCounts>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const request: TokenRequest = { id, texts: [...texts], encoding, budgetMs: WORKER_BUDGET_MS };
        target.postMessage(request);
      });
    } catch {
      // Counted below instead.
    }
  }
  const { countTexts } = await import('./load-encoding');
  return countTexts(texts, encoding, MAIN_THREAD_BUDGET_MS);
}
