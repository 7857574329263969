import 'server-only';
import type { PromptVersion } from '@/db/schema';
import { fieldError } from '@/lib/api/errors';
import type { NewVersionInput, RunTemplate } from '@/lib/prompts/schemas';
import { versionContent } from '@/lib/prompts/version-content';
import { versionMessages } from '@/lib/prompts/version-messages';
import type { RunDraftInput } from './schemas';

/** The templates a draft runs: its own, or the current version's for the parts it leaves out. */
function draftTemplates(draft: RunDraftInput, current: PromptVersion | null): Pick<NewVersionInput, 'systemPrompt' | 'userPrompt' | 'messages'> {
  if (draft.messages) return { messages: draft.messages };
  if (draft.systemPrompt === undefined && draft.userPrompt === undefined) {
    if (!current) throw fieldError('draft.userPrompt', 'is required: this prompt has no version to take it from');
    return current.messages ? { messages: current.messages } : { systemPrompt: current.systemPrompt, userPrompt: current.userPrompt };
  }
  // Filling the other half from a chat version would silently drop its other (few-shot) turns. Both halves are a
  // whole simple template (the editor's, switched to simple form), which takes nothing from the version.
  if (current?.messages && (draft.systemPrompt === undefined || draft.userPrompt === undefined)) {
    throw fieldError('draft.messages', 'this prompt is a chat template: send `messages` with all its turns');
  }
  return { systemPrompt: draft.systemPrompt ?? current?.systemPrompt, userPrompt: draft.userPrompt ?? current?.userPrompt };
}

/**
 * What a draft run renders, checked as a save would check it (templates parse, used variables declared, model
 * settings usable), with the current version filling in what the draft leaves out. Errors name `draft.…` fields.
 */
export function draftTemplate(draft: RunDraftInput, current: PromptVersion | null): RunTemplate {
  const input = { ...draftTemplates(draft, current), variables: draft.variables, model: draft.model };
  const content = versionContent(input, current, { at: 'draft.' });
  return { messages: versionMessages(content), variables: content.variables, model: content.model };
}
