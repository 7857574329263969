import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { runStatus, type ModelConfig, type RunStatus, type RunUsage } from '@/db/schema';
import { usageSchema } from '@/lib/llm/usage';
import { modelConfigSchema, DEFAULT_MODEL } from '@/lib/prompts/schemas';
import { getCatalogEntry, LOCAL_MODEL_ID, LOCAL_PROVIDER_ID } from '@/lib/providers/catalog';
import { listRunsQuerySchema } from '@/lib/runs/schemas';
import { ACTIVE_RUN_STATUSES, RUN_STATUSES, runStatusSchema } from '@/lib/runs/statuses';

describe('one source of truth', () => {
  it('builds the run_status pgEnum, the zod enum and the filter from one list', () => {
    expect(runStatus.enumValues).toEqual([...RUN_STATUSES]);
    expect(runStatusSchema.options).toEqual([...RUN_STATUSES]);
    for (const status of RUN_STATUSES) expect(listRunsQuerySchema.parse({ status }).status).toBe(status);
    expect(() => listRunsQuerySchema.parse({ status: 'exploded' })).toThrow();
    expect(ACTIVE_RUN_STATUSES.every((s) => RUN_STATUSES.includes(s))).toBe(true);
    expectTypeOf<RunStatus>().toEqualTypeOf<(typeof RUN_STATUSES)[number]>();
  });

  it('derives ModelConfig and Usage from their zod schemas', () => {
    expectTypeOf<ModelConfig>().toEqualTypeOf<z.infer<typeof modelConfigSchema>>();
    expectTypeOf<RunUsage>().toEqualTypeOf<z.infer<typeof usageSchema>>();
  });

  it('names the local model once: the default model is the catalogue’s local entry', () => {
    expect(DEFAULT_MODEL).toEqual({ provider: LOCAL_PROVIDER_ID, model: LOCAL_MODEL_ID });
    expect(getCatalogEntry(LOCAL_PROVIDER_ID)?.models).toEqual([LOCAL_MODEL_ID]);
    expect(modelConfigSchema.parse(DEFAULT_MODEL)).toEqual(DEFAULT_MODEL);
  });
});
