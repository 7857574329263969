import 'server-only';
import type { VersionContent } from '@/db/queries/prompt-versions';
import type { ModelConfig, PromptVersion } from '@/db/schema';
import { fieldError } from '@/lib/api/errors';
import { assertUsableModelSchemas } from '@/lib/llm/json-schema';
import { parseTemplate, reconcileVariables } from '@/lib/templates';
import { DEFAULT_MODEL, type NewVersionInput } from './schemas';
import { promptsOfMessages } from './version-messages';

type ContentInput = Omit<NewVersionInput, 'baseVersionNumber'>;

function assertParses(path: string, template: string) {
  const [first] = parseTemplate(template).errors;
  if (first) throw fieldError(path, first.message);
}

/**
 * The content a save stores: omitted `variables` and `model` carry over from the current version, the
 * templates must parse, and every variable a template uses (in any turn) gets declared. A chat template also
 * stores its leading system turns and last user turn as systemPrompt/userPrompt, for readers of those two.
 * `at` prefixes the field paths of errors (`draft.` for a draft run).
 */
export function versionContent(input: ContentInput, current: PromptVersion | null, { at = '' }: { at?: string } = {}): VersionContent {
  const model = input.model ?? current?.model ?? ({ ...DEFAULT_MODEL } satisfies ModelConfig);
  if (input.model) assertUsableModelSchemas(input.model, `${at}model`);
  const declared = input.variables ?? current?.variables ?? [];
  const notes = input.notes ?? '';

  if (input.messages) {
    input.messages.forEach((message, index) => assertParses(`${at}messages.${index}.content`, message.content));
    const { variables } = reconcileVariables(
      declared,
      input.messages.map((message) => message.content),
    );
    return { ...promptsOfMessages(input.messages), messages: input.messages, variables, model, notes };
  }

  if (input.userPrompt === undefined) throw fieldError(`${at}userPrompt`, 'is required: the user prompt template cannot be empty');
  const content = { systemPrompt: input.systemPrompt ?? '', userPrompt: input.userPrompt };
  for (const field of ['systemPrompt', 'userPrompt'] as const) assertParses(`${at}${field}`, content[field]);
  const { variables } = reconcileVariables(declared, [content.systemPrompt, content.userPrompt]);
  return { ...content, messages: null, variables, model, notes };
}
