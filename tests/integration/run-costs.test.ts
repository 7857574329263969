/**
 * What a run costs, end to end: runs go through the real pipeline against the fake provider reporting cache reads,
 * cache writes (5-minute, 1-hour, total only), reasoning and long prompts, and each run's costUsd, cost breakdown and
 * price source are checked against figures worked out by hand from the published prices (price-table.json, version
 * 2026-12-01.1, $ per million tokens). Runs are priced at their creation, today.
 *
 * Every run's prompt is "Tell me about <topic>" (4 words) and its reply REPLY (5 words); the fake's knobs add the
 * rest: extraInputTokens pads the uncached prompt, so the totals below are round. Runs stream, so the Anthropic
 * cases read the write split from message_start and the totals from message_delta.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as pricesRoute from '@/app/api/v1/workspace/prices/route';
import { createOpenAICompatibleProvider } from '@/lib/llm/openai-compatible';
import { breakdownTotalUsd, costBreakdown, PRICE_TABLE_VERSION } from '@/lib/llm/pricing';
import type { CostBreakdown } from '@/lib/llm/prices/price-types';
import { resolvePrice } from '@/lib/llm/resolve-price';
import type { Behaviour } from '../fixtures/fake-llm-server';
import { call, createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

const REPLY = 'one two three four five';

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let promptId: string;
let topics = 0;

beforeAll(async () => {
  pipeline = await startRunPipeline();
  alice = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

type RunView = {
  status: string;
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number; cacheWriteTokens: number; cacheWrite1hTokens?: number; reasoningTokens: number; estimated: boolean };
  costUsd: number | null;
  costBreakdown: CostBreakdown | null;
  priceSource: { kind: string; tableVersion?: string; entry?: { model: string; effectiveFrom: string; source: string; checkedOn: string }; priceId?: string } | null;
};

/** One run of `model` with the fake reporting `knobs`; a fresh topic each time, so no run is answered from the cache. */
async function priced(provider: 'openai' | 'anthropic', model: string, knobs: Partial<Behaviour>, user = alice, prompt = promptId): Promise<RunView> {
  pipeline.llm.configure({ reply: REPLY, ...knobs });
  const res = await pipeline.startRun(user, { promptId: prompt, variables: { topic: `topic${++topics}` }, provider, model });
  expect(res.status).toBe(202);
  const run = (await pipeline.waitForRun(user, res.body.data.id)) as RunView;
  expect(run.status).toBe('succeeded');
  return run;
}

const line = (tokenClass: string, tokens: number, perMTok: number, usd: number) => ({ tokenClass, tokens, perMTok, usd: expect.closeTo(usd, 8) });

function expectTableSource(run: RunView, model: string, effectiveFrom: string) {
  expect(run.priceSource).toEqual({
    kind: 'table',
    tableVersion: PRICE_TABLE_VERSION,
    entry: { model, effectiveFrom, source: expect.stringMatching(/^https:\/\//), checkedOn: expect.any(String) },
  });
}

describe('run costs: OpenAI', () => {
  it('gpt-5.4: cache reads at $0.25 beside $2.50 input and $15 output', async () => {
    const run = await priced('openai', 'gpt-5.4', { cachedInputTokens: 6_000, extraInputTokens: 1_996 });
    // 4 words + 1,996 padding = 2,000 uncached, + 6,000 cached = 8,000 in.
    // 2,000 × $2.50 = $0.005; 6,000 × $0.25 = $0.0015; 5 × $15 = $0.000075; total $0.006575.
    expect(run.usage).toMatchObject({ inputTokens: 8_000, cachedInputTokens: 6_000, cacheWriteTokens: 0, outputTokens: 5 });
    expect(run.costBreakdown).toEqual({
      lines: [line('input', 2_000, 2.5, 0.005), line('cachedInput', 6_000, 0.25, 0.0015), line('output', 5, 15, 0.000075)],
      tier: null,
      estimated: false,
      reasoningUncounted: false,
    });
    expect(run.costUsd).toBeCloseTo(0.006575, 6);
    expectTableSource(run, 'gpt-5.4', '2026-03-05');
  });

  it('gpt-5.6: written tokens at $5 (1.25 × $4 input), reads at $0.40, output $20', async () => {
    const run = await priced('openai', 'gpt-5.6', { cachedInputTokens: 1_000, cacheWriteTokens: 2_000, extraInputTokens: 996 });
    // 4 + 996 = 1,000 uncached, + 1,000 cached + 2,000 written = 4,000 in.
    // 1,000 × $4 = $0.004; 1,000 × $0.40 = $0.0004; 2,000 × $5 = $0.01; 5 × $20 = $0.0001; total $0.0145.
    expect(run.usage).toMatchObject({ inputTokens: 4_000, cachedInputTokens: 1_000, cacheWriteTokens: 2_000 });
    expect(run.costBreakdown?.lines).toEqual([
      line('input', 1_000, 4, 0.004),
      line('cachedInput', 1_000, 0.4, 0.0004),
      line('cacheWrite', 2_000, 5, 0.01),
      line('output', 5, 20, 0.0001),
    ]);
    expect(run.costUsd).toBeCloseTo(0.0145, 6);
    expectTableSource(run, 'gpt-5.6', '2026-08-21');
  });

  it('gpt-5.4: reasoning tokens are billed once, inside the output', async () => {
    const run = await priced('openai', 'gpt-5.4', { reasoningTokens: 995 });
    // 5 words + 995 reasoning = 1,000 output × $15 = $0.015; 4 in × $2.50 = $0.00001; total $0.01501.
    expect(run.usage).toMatchObject({ inputTokens: 4, outputTokens: 1_000, reasoningTokens: 995, estimated: false });
    expect(run.costBreakdown?.lines).toEqual([line('input', 4, 2.5, 0.00001), line('output', 1_000, 15, 0.015)]);
    expect(run.costUsd).toBeCloseTo(0.01501, 6);
  });

  it('gpt-5.4 above 272K input: the whole request at 2× input and cache, 1.5× output', async () => {
    const run = await priced('openai', 'gpt-5.4', { cachedInputTokens: 100_000, extraInputTokens: 199_996 });
    // 4 + 199,996 = 200,000 uncached + 100,000 cached = 300,000 in, above 272,000: $5 / $0.50 / $22.50.
    // 200,000 × $5 = $1; 100,000 × $0.50 = $0.05; 5 × $22.50 = $0.0001125; total $1.0501125.
    expect(run.costBreakdown).toEqual({
      lines: [line('input', 200_000, 5, 1), line('cachedInput', 100_000, 0.5, 0.05), line('output', 5, 22.5, 0.0001125)],
      tier: { aboveInputTokens: 272_000 },
      estimated: false,
      reasoningUncounted: false,
    });
    expect(run.costUsd).toBeCloseTo(1.0501125, 6);
  });

  it('no usage reported: the tokenizer counts, the cost is an estimate and, for a reasoning model, says its reasoning is uncounted', async () => {
    const run = await priced('openai', 'gpt-5.4', { usage: 'omit' });
    expect(run.usage.estimated).toBe(true);
    const { inputTokens, outputTokens } = run.usage;
    expect(inputTokens).toBeGreaterThan(0);
    expect(outputTokens).toBeGreaterThan(0);
    expect(run.costBreakdown).toEqual({
      lines: [line('input', inputTokens, 2.5, inputTokens * 2.5e-6), line('output', outputTokens, 15, outputTokens * 15e-6)],
      tier: null,
      estimated: true,
      reasoningUncounted: true,
    });
    expect(run.costUsd).toBeCloseTo((inputTokens * 2.5 + outputTokens * 15) / 1e6, 6);
  });
});

describe('run costs: Anthropic', () => {
  it('claude-opus-5-5: 5-minute writes at $5, 1-hour writes at $8, reads at $0.20 (0.05× input)', async () => {
    const run = await priced('anthropic', 'claude-opus-5-5', { cachedInputTokens: 2_000, cacheWriteTokens: 3_000, cacheWrite1hTokens: 1_000, extraInputTokens: 996 });
    // input_tokens 4 + 996 = 1,000; + 2,000 read + 3,000 written = 6,000 in; of the writes 1,000 for an hour.
    // 1,000 × $4 = $0.004; 2,000 × $0.20 = $0.0004; 2,000 × $5 = $0.01; 1,000 × $8 = $0.008; 5 × $20 = $0.0001;
    // total $0.0225.
    expect(run.usage).toMatchObject({ inputTokens: 6_000, cachedInputTokens: 2_000, cacheWriteTokens: 3_000, cacheWrite1hTokens: 1_000 });
    expect(run.costBreakdown?.lines).toEqual([
      line('input', 1_000, 4, 0.004),
      line('cachedInput', 2_000, 0.2, 0.0004),
      line('cacheWrite', 2_000, 5, 0.01),
      line('cacheWrite1h', 1_000, 8, 0.008),
      line('output', 5, 20, 0.0001),
    ]);
    expect(run.costUsd).toBeCloseTo(0.0225, 6);
    expectTableSource(run, 'claude-opus-5-5', '2026-09-22');
  });

  it('claude-opus-5-5, only the write total reported: every write at the 5-minute price', async () => {
    const run = await priced('anthropic', 'claude-opus-5-5', { cacheWriteTokens: 3_000, cacheWrite1hTokens: 1_000, cacheWriteSplit: 'total-only', extraInputTokens: 996 });
    // 1,000 × $4 = $0.004; 3,000 × $5 = $0.015; 5 × $20 = $0.0001; total $0.0191.
    expect(run.usage).toMatchObject({ inputTokens: 4_000, cacheWriteTokens: 3_000, cacheWrite1hTokens: 0 });
    expect(run.costBreakdown?.lines).toEqual([line('input', 1_000, 4, 0.004), line('cacheWrite', 3_000, 5, 0.015), line('output', 5, 20, 0.0001)]);
    expect(run.costUsd).toBeCloseTo(0.0191, 6);
  });

  it('claude-haiku-5-5 above 100K input: the whole request at 5× every rate', async () => {
    const run = await priced('anthropic', 'claude-haiku-5-5', { cachedInputTokens: 10_000, cacheWriteTokens: 20_000, cacheWrite1hTokens: 10_000, extraInputTokens: 119_996 });
    // 120,000 uncached + 10,000 read + 20,000 written = 150,000 in, above 100,000: $0.50 / $0.05 / $0.625 / $1 / $2.50.
    // 120,000 × $0.50 = $0.06; 10,000 × $0.05 = $0.0005; 10,000 × $0.625 = $0.00625; 10,000 × $1 = $0.01;
    // 5 × $2.50 = $0.0000125; total $0.0767625.
    expect(run.costBreakdown).toEqual({
      lines: [
        line('input', 120_000, 0.5, 0.06),
        line('cachedInput', 10_000, 0.05, 0.0005),
        line('cacheWrite', 10_000, 0.625, 0.00625),
        line('cacheWrite1h', 10_000, 1, 0.01),
        line('output', 5, 2.5, 0.0000125),
      ],
      tier: { aboveInputTokens: 100_000 },
      estimated: false,
      reasoningUncounted: false,
    });
    expect(run.costUsd).toBeCloseTo(0.0767625, 6);
    expectTableSource(run, 'claude-haiku-5-5', '2026-10-07');
  });

  it("a workspace price's 1-hour write rate applies to the 1-hour writes", async () => {
    // Its own workspace: the price must not reach the other tests' runs.
    const carol = await createTestUser();
    const carolPrompt = (await pipeline.createPrompt(carol)).id;
    const body = { provider: 'anthropic', model: 'claude-opus-5-5', effectiveFrom: '2026-01-01', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: 0.1, cacheWritePerMTok: 1.25, cacheWrite1hPerMTok: 2 };
    const created = await call(pricesRoute.POST, { method: 'POST', body, headers: carol.headers });
    expect(created.status).toBe(201);
    const run = await priced('anthropic', 'claude-opus-5-5', { cachedInputTokens: 2_000, cacheWriteTokens: 3_000, cacheWrite1hTokens: 1_000, extraInputTokens: 996 }, carol, carolPrompt);
    // 1,000 × $1 = $0.001; 2,000 × $0.10 = $0.0002; 2,000 × $1.25 = $0.0025; 1,000 × $2 = $0.002; 5 × $2 = $0.00001;
    // total $0.00571.
    expect(run.costBreakdown?.lines).toEqual([
      line('input', 1_000, 1, 0.001),
      line('cachedInput', 2_000, 0.1, 0.0002),
      line('cacheWrite', 2_000, 1.25, 0.0025),
      line('cacheWrite1h', 1_000, 2, 0.002),
      line('output', 5, 2, 0.00001),
    ]);
    expect(run.costUsd).toBeCloseTo(0.00571, 6);
    expect(run.priceSource).toEqual({ kind: 'workspace', priceId: created.body.data.id, effectiveFrom: '2026-01-01T00:00:00.000Z' });
  });
});

describe('run costs: Groq', () => {
  // Groq's base URL is fixed (no workspace or instance setting points it elsewhere), so its runs cannot reach the
  // fake: the Groq provider is pointed at the fake here and priced as the pipeline prices a run.
  const PRICED_AT = new Date('2026-12-01T12:00:00.000Z');

  it('openai/gpt-oss-120b: cache reads at $0.075, half the $0.15 input', async () => {
    pipeline.llm.configure({ reply: REPLY, cachedInputTokens: 1_536, extraInputTokens: 462 });
    const groq = createOpenAICompatibleProvider({ label: 'groq', apiKey: 'gsk-test', baseURL: pipeline.llm.openaiBaseURL });
    const result = await groq.complete({ model: 'openai/gpt-oss-120b', messages: [{ role: 'user', content: 'Say hi' }], params: {}, timeoutMs: 5_000 });
    // 2 words + 462 padding = 464 uncached, + 1,536 cached = 2,000 in.
    expect(result.usage).toMatchObject({ inputTokens: 2_000, cachedInputTokens: 1_536, outputTokens: 5 });
    const { price, source, reasoning } = await resolvePrice({ workspaceId: alice.workspace.id, provider: 'groq', model: 'openai/gpt-oss-120b', at: PRICED_AT });
    const breakdown = costBreakdown(result.usage, price, { reasoning })!;
    // 464 × $0.15 = $0.0000696; 1,536 × $0.075 = $0.0001152; 5 × $0.60 = $0.000003; total $0.0001878.
    expect(breakdown.lines).toEqual([line('input', 464, 0.15, 0.0000696), line('cachedInput', 1_536, 0.075, 0.0001152), line('output', 5, 0.6, 0.000003)]);
    expect(breakdownTotalUsd(breakdown)).toBeCloseTo(0.0001878, 6);
    expect(source).toMatchObject({ kind: 'table', entry: { model: 'openai/gpt-oss-120b', effectiveFrom: '2025-12-02' } });
  });
});
