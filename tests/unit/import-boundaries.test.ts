import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The boundaries eslint.config.mjs enforces, checked on snippets so a config change cannot drop one silently.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleHits(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? '').filter((id) => id.includes('no-restricted'));
}

describe('import boundaries', () => {
  it.each([
    ['db/queries/x.ts', "import { ApiError } from '@/lib/api/errors';"],
    ['db/queries/x.ts', "import { fail } from '../../lib/api/response';"],
    ['lib/runs/x.ts', "import { GET } from '@/app/api/health/route';"],
    ['components/runs/x.ts', "import { getDb } from '@/db/client';"],
    ['components/runs/x.ts', "import type { Run } from '@/db/schema';"],
    ['app/(workspace)/runs/_components/x.tsx', "import type { PromptVersion } from '@/db/schema';"],
    ['components/runs/x.ts', "import { env } from '@/lib/env';"],
    ['components/runs/x.ts', "import { createRun } from '@/lib/runs/create-run';"],
    ['app/api/v1/x/route.ts', 'export const GET = () => Response.json({ data: 1 });'],
  ])('refuses %s: %s', async (file, code) => {
    expect(await ruleHits(file, code)).not.toEqual([]);
  });

  it.each([
    ['components/runs/x.ts', "import { RUN_STATUSES } from '@/lib/runs/statuses';"],
    ['components/runs/x.ts', "import type { RunView } from '@/lib/runs/run-view';"],
    ['components/runs/x.ts', "import type { Caller } from '@/lib/auth/resolve-caller';"],
    ['components/prompts/x.ts', "import type { PromptView } from '@/lib/prompts/views';"],
    ['lib/prompts/x.ts', "import { getPromptWithCurrentVersion } from '@/db/queries/prompts';"],
    ['app/api/v1/x/route.ts', "import { ok } from '@/lib/api/response';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await ruleHits(file, code)).toEqual([]);
  });
});
