import { parseBundle } from './bundle';
import { parseLangfuse } from './langfuse';
import { parseOpenAi } from './openai';
import { parsePromptfoo } from './promptfoo';
import { assertSafeImport } from './read-file';
import type { ImportFormat, ImportSource } from './source';

/** The file of one format as the importer's common shape; every problem with the file is a 4xx ApiError. */
export function parseImport(format: ImportFormat, text: string, options: { name?: string } = {}): ImportSource {
  const source = format === 'promptlab' ? parseBundle(text) : format === 'promptfoo' ? parsePromptfoo(text) : format === 'langfuse' ? parseLangfuse(text) : parseOpenAi(text, options);
  assertSafeImport(source);
  return source;
}
