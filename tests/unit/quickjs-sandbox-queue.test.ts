import { describe, expect, it } from 'vitest';
import { checkJavaScript, MAX_QUEUED, runJavaScript } from '@/lib/evaluators/quickjs-sandbox';

// The sandbox's queue: both sandboxes are kept busy with code spinning to its 1 s limit, so later calls wait.
const spin = () => runJavaScript({ code: 'while (true) {}', output: '', context: null });
const quick = (signal?: AbortSignal) => runJavaScript({ code: 'output === ""', output: '', context: null, signal });

describe('the JavaScript sandbox queue', () => {
  it('drops a queued call whose signal aborts before it starts', async () => {
    const busy = [spin(), spin()];
    const controller = new AbortController();
    const started = Date.now();
    const waiting = quick(controller.signal);
    setTimeout(() => controller.abort(), 50);
    const result = await waiting;
    expect(result).toEqual({ ok: false, error: 'not run: stopped while waiting for the sandbox' });
    expect(Date.now() - started).toBeLessThan(800); // not after the spinning code's second
    await Promise.all(busy);
  });

  it(`refuses a call at once when ${MAX_QUEUED} are waiting, saying the evaluator is busy`, async () => {
    const busy = [spin(), spin()];
    const controller = new AbortController();
    const queued = Array.from({ length: MAX_QUEUED }, () => quick(controller.signal));
    const refused = await quick();
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(/the JavaScript evaluator is busy/);
    controller.abort();
    expect((await Promise.all(queued)).every((result) => !result.ok)).toBe(true);
    await Promise.all(busy);
  });

  it('a compile check at creation goes before queued runs', async () => {
    const queued = Array.from({ length: 8 }, spin); // two at a time: about 4 s of spinning
    const started = Date.now();
    expect(await checkJavaScript('return output.length > 0')).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_500);
    await Promise.all(queued);
  }, 20_000);
});
