import { describe, expect, it } from 'vitest';
import { SAMPLE_DATASET_ITEMS } from '@/lib/datasets/sample-dataset';
import { datasetItemSchema } from '@/lib/datasets/schemas';
import { SAMPLE_PROMPT } from '@/lib/prompts/sample-prompt';

describe('the sample dataset', () => {
  it('has 8 to 12 valid items filling every variable of the sample prompt with its type', () => {
    expect(SAMPLE_DATASET_ITEMS.length).toBeGreaterThanOrEqual(8);
    expect(SAMPLE_DATASET_ITEMS.length).toBeLessThanOrEqual(12);
    for (const item of SAMPLE_DATASET_ITEMS) {
      expect(datasetItemSchema.safeParse(item).success).toBe(true);
      for (const variable of SAMPLE_PROMPT.variables) expect(typeof item.input[variable.name]).toBe(variable.type);
      expect(typeof item.expected).toBe('string');
    }
  });
});
