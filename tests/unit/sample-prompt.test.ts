import { describe, expect, it } from 'vitest';
import { saveInputSetSchema } from '@/lib/prompts/input-set-schema';
import { SAMPLE_INPUT_SETS, SAMPLE_PROMPT } from '@/lib/prompts/sample-prompt';
import { DEFAULT_MODEL, newPromptSchema } from '@/lib/prompts/schemas';
import { extractVariables, renderPrompt } from '@/lib/templates';

const sample = newPromptSchema.parse(SAMPLE_PROMPT);
const templates = { systemPrompt: sample.systemPrompt ?? '', userPrompt: sample.userPrompt ?? '', variables: sample.variables ?? [] };

describe('the sample prompt', () => {
  it('is a valid prompt on the built-in local model, with a description and a tag', () => {
    expect(sample.model).toMatchObject(DEFAULT_MODEL);
    expect(sample.description).toBeTruthy();
    expect(sample.tags).toEqual(['sample']);
  });

  it('declares every variable its templates use, each with a default', () => {
    const used = new Set([...extractVariables(templates.systemPrompt), ...extractVariables(templates.userPrompt)]);
    expect(templates.variables.map((v) => v.name).sort()).toEqual([...used].sort());
    expect(templates.variables.length).toBeGreaterThanOrEqual(2);
    for (const variable of templates.variables) expect(variable.default, variable.name).toBeDefined();
  });

  it('renders with its defaults alone', () => {
    const { system, user } = renderPrompt(templates, {});
    expect(system).toContain('in a friendly tone, in at most 3 sentences');
    expect(user).toContain('charged twice');
    expect(`${system}${user}`).not.toContain('{{');
  });

  it('comes with input sets the API accepts and the templates render', () => {
    for (const set of SAMPLE_INPUT_SETS) {
      expect(saveInputSetSchema.safeParse(set).success).toBe(true);
      const { user, system } = renderPrompt(templates, set.values);
      expect(user).toContain(set.values.message);
      expect(system).toContain(`${set.values.max_sentences} sentences`);
    }
  });
});
