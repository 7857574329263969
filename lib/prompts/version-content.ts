import 'server-only';
import type { VersionContent } from '@/db/queries/prompt-versions';
import type { ModelConfig, PromptVersion } from '@/db/schema';
import { fieldError } from '@/lib/api/errors';
import { parseTemplate, reconcileVariables } from '@/lib/templates';
import { DEFAULT_MODEL, type NewVersionInput } from './schemas';

/**
 * The content a save stores: omitted `variables` and `model` carry over from the current version, the
 * templates must parse, and every variable a template uses gets declared.
 */
export function versionContent(input: Omit<NewVersionInput, 'baseVersionNumber'>, current: PromptVersion | null): VersionContent {
  const content = {
    systemPrompt: input.systemPrompt ?? '',
    userPrompt: input.userPrompt,
    variables: input.variables ?? current?.variables ?? [],
    model: input.model ?? current?.model ?? ({ ...DEFAULT_MODEL } satisfies ModelConfig),
    notes: input.notes ?? '',
  };
  for (const field of ['systemPrompt', 'userPrompt'] as const) {
    const [first] = parseTemplate(content[field]).errors;
    if (first) throw fieldError(field, first.message);
  }
  const { variables } = reconcileVariables(content.variables, [content.systemPrompt, content.userPrompt]);
  return { ...content, variables };
}
