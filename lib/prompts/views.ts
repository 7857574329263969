import type { ModelConfig, Prompt, PromptVersion } from '@/db/schema';
import type { TemplateMessage } from './schemas';
import { versionMessages } from './version-messages';

/** What the API answers for prompts and versions; the browser's types derive from these (`import type`). */
export type VersionAuthor = { id: string; name: string | null; email: string | null };

/**
 * `messages` is always set: a simple version answers its [system, user] turns. `format` says how it was saved
 * (`chat`: as a list of messages; systemPrompt/userPrompt then hold its leading system turns and last user turn).
 */
export type VersionView = Omit<PromptVersion, 'authorId' | 'workspaceId' | 'messages'> & {
  messages: TemplateMessage[];
  format: 'simple' | 'chat';
  author: VersionAuthor | null;
};

/** A line of the version history: no prompt text, so a long history stays small. */
export type VersionSummaryView = Pick<VersionView, 'id' | 'versionNumber' | 'notes' | 'author' | 'createdAt' | 'restoredFrom' | 'model'>;

export type PromptView = Pick<Prompt, 'id' | 'title' | 'slug' | 'description' | 'tags' | 'createdAt' | 'updatedAt'> & {
  versionCount: number;
  currentVersion: VersionView | null;
};

export type PromptListItem = Omit<PromptView, 'currentVersion'> & {
  currentVersion: { versionNumber: number; provider: string; model: string; createdAt: Date } | null;
};

type AuthorColumns = { authorId: string | null; authorName: string | null; authorEmail: string | null };

const toAuthor = ({ authorId, authorName, authorEmail }: AuthorColumns): VersionAuthor | null =>
  authorId ? { id: authorId, name: authorName, email: authorEmail } : null;

export function toVersionView(row: { version: PromptVersion; authorName: string | null; authorEmail: string | null }): VersionView {
  const { authorId, workspaceId: _workspaceId, ...version } = row.version;
  return {
    ...version,
    messages: versionMessages(version),
    format: version.messages ? 'chat' : 'simple',
    author: toAuthor({ authorId, authorName: row.authorName, authorEmail: row.authorEmail }),
  };
}

export function toVersionSummaryView(
  row: Pick<PromptVersion, 'id' | 'versionNumber' | 'notes' | 'createdAt' | 'restoredFrom' | 'model'> & AuthorColumns,
): VersionSummaryView {
  return {
    id: row.id,
    versionNumber: row.versionNumber,
    notes: row.notes,
    author: toAuthor(row),
    createdAt: row.createdAt,
    restoredFrom: row.restoredFrom,
    model: row.model,
  };
}

function promptFields(prompt: Prompt) {
  return {
    id: prompt.id,
    title: prompt.title,
    slug: prompt.slug,
    description: prompt.description,
    tags: prompt.tags,
    versionCount: prompt.latestVersionNumber,
    createdAt: prompt.createdAt,
    updatedAt: prompt.updatedAt,
  };
}

export function toPromptView(row: {
  prompt: Prompt;
  version: PromptVersion | null;
  authorName: string | null;
  authorEmail: string | null;
}): PromptView {
  return { ...promptFields(row.prompt), currentVersion: row.version ? toVersionView({ ...row, version: row.version }) : null };
}

export function toPromptListItem(row: {
  prompt: Prompt;
  versionNumber: number | null;
  model: ModelConfig | null;
  versionCreatedAt: Date | null;
}): PromptListItem {
  const { versionNumber, model, versionCreatedAt } = row;
  return {
    ...promptFields(row.prompt),
    currentVersion:
      versionNumber && model && versionCreatedAt ? { versionNumber, provider: model.provider, model: model.model, createdAt: versionCreatedAt } : null,
  };
}
