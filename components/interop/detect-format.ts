import type { ImportFormat } from '@/lib/interop/source';

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  promptlab: 'PromptLab bundle',
  promptfoo: 'promptfoo config',
  langfuse: 'Langfuse prompts',
  openai: 'OpenAI prompts or evals',
};

/** A best guess from the file's name and first characters; the dialog lets the user change it. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  const name = fileName.toLowerCase();
  const head = text.slice(0, 4000);
  if (/\.(ya?ml)$/.test(name) || name.includes('promptfoo')) return 'promptfoo';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'openai';
  if (head.includes('"promptlab.bundle"')) return 'promptlab';
  if (/"id"\s*:\s*"pmpt_/.test(head) || /^\s*\{\s*"(item|input)"\s*:/.test(head)) return 'openai';
  if (/"(commitMessage|labels)"\s*:/.test(head) && /"version"\s*:\s*\d/.test(head)) return 'langfuse';
  if (/^\s*(prompts|providers|tests|description)\s*:/m.test(head) || /"(providers|tests|defaultTest)"\s*:/.test(head)) return 'promptfoo';
  return 'promptlab';
}

/** The Content-Type the file goes up with (the server reads the body as text whatever it is). */
export const contentTypeOf = (fileName: string) =>
  /\.ya?ml$/i.test(fileName) ? 'application/yaml' : /\.(jsonl|ndjson)$/i.test(fileName) ? 'application/x-ndjson' : /\.json$/i.test(fileName) ? 'application/json' : 'text/plain';
