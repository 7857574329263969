import type { EvaluatorSpec } from '@/lib/evaluators/types';

/*
 * promptfoo attaches assertions to single tests; PromptLab runs every evaluator on every item. Deterministic
 * per-test checks ride in the item's metadata (`promptfooAssert`) and one JavaScript evaluator runs each item's own.
 */

/** The promptfoo types the per-test evaluator checks itself (with `not-` variants). */
export const PER_TEST_TYPES = new Set(['equals', 'contains', 'icontains', 'starts-with', 'regex', 'contains-any', 'contains-all', 'icontains-any', 'icontains-all', 'is-json']);

export type PerTestAssert = { type: string; value?: unknown; not?: boolean };

export const PER_TEST_METADATA_KEY = 'promptfooAssert';

// Runs in the QuickJS sandbox as the body of function (output, context).
const CODE = `
const checks = (context.item.metadata && context.item.metadata.${PER_TEST_METADATA_KEY}) || [];
const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
const list = (v) => (Array.isArray(v) ? v.map(text) : String(v).split(',').map((s) => s.trim()));
const test = (c) => {
  const lower = output.toLowerCase();
  switch (c.type) {
    case 'equals': return typeof c.value === 'string' ? output.trim() === c.value.trim() : (() => { try { return JSON.stringify(JSON.parse(output)) === JSON.stringify(c.value); } catch (e) { return false; } })();
    case 'contains': return output.includes(text(c.value));
    case 'icontains': return lower.includes(text(c.value).toLowerCase());
    case 'starts-with': return output.trim().startsWith(text(c.value));
    case 'regex': return new RegExp(String(c.value)).test(output);
    case 'contains-any': return list(c.value).some((v) => output.includes(v));
    case 'contains-all': return list(c.value).every((v) => output.includes(v));
    case 'icontains-any': return list(c.value).some((v) => lower.includes(v.toLowerCase()));
    case 'icontains-all': return list(c.value).every((v) => lower.includes(v.toLowerCase()));
    case 'is-json': try { JSON.parse(output); return true; } catch (e) { return false; }
    default: throw new Error('unknown check ' + c.type);
  }
};
const failed = checks.filter((c) => test(c) === Boolean(c.not));
if (checks.length === 0) return { pass: true, score: 1, reason: 'this item has no per-test assertions' };
return { pass: failed.length === 0, score: (checks.length - failed.length) / checks.length, reason: failed.length ? 'failed: ' + failed.map((c) => (c.not ? 'not-' : '') + c.type + ' ' + JSON.stringify(c.value)).join('; ') : 'all ' + checks.length + ' passed' };
`.trim();

export const perTestEvaluator = (): EvaluatorSpec => ({ type: 'javascript', name: 'promptfoo per-test assertions', config: { code: CODE } });
