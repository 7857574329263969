import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '@/components/interop/detect-format';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/interop', name), 'utf8');

describe('import format detection', () => {
  it('recognises each sample file by name and content', () => {
    expect(detectFormat('promptfooconfig.yaml', fixture('promptfoo/promptfooconfig.yaml'))).toBe('promptfoo');
    expect(detectFormat('config.json', '{"prompts": ["x"], "tests": []}')).toBe('promptfoo');
    expect(detectFormat('prompts.json', fixture('langfuse/prompts.json'))).toBe('langfuse');
    expect(detectFormat('prompts.json', fixture('openai/prompts.json'))).toBe('openai');
    expect(detectFormat('samples.jsonl', fixture('openai/evals-samples.jsonl'))).toBe('openai');
    expect(detectFormat('export.json', '{"data":{"format":"promptlab.bundle","version":1}}')).toBe('promptlab');
    expect(detectFormat('config.txt', 'description: x\nprompts:\n  - hi')).toBe('promptfoo');
  });
});
