import 'server-only';
import { getPromptVersionByNumber } from '@/db/queries/prompt-versions';
import { notFound } from '@/lib/api/errors';
import { saveVersion } from './save-version';
import type { VersionView } from './views';

/** Restoring never rewrites history: it appends a copy of the old version and makes it current. */
export async function restoreVersion(args: { promptId: string; workspaceId: string; userId: string; versionNumber: number }): Promise<VersionView> {
  const source = await getPromptVersionByNumber(args);
  if (!source) throw notFound(`Version ${args.versionNumber} of this prompt`);
  const { version } = source;
  return saveVersion({
    promptId: args.promptId,
    workspaceId: args.workspaceId,
    userId: args.userId,
    restoredFrom: version.versionNumber,
    input: {
      ...(version.messages ? { messages: version.messages } : { systemPrompt: version.systemPrompt, userPrompt: version.userPrompt }),
      variables: version.variables,
      model: version.model,
      notes: `Restored from version ${version.versionNumber}`,
    },
  });
}
