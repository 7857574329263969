import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { preparedOnce } from '../prepared';
import { promptLabels, promptVersions, prompts, type LabelTarget, type PromptVersion } from '../schema';

export type DeliveryPromptRow = { id: string; slug: string; title: string; latestVersionNumber: number };
export type DeliveryLabelRow = { name: string; targets: LabelTarget[] };
export type DeliveryVersionRow = Pick<PromptVersion, 'id' | 'versionNumber' | 'systemPrompt' | 'userPrompt' | 'messages' | 'variables' | 'model'>;

// On a delivery cache miss only (lib/delivery/resolve-prompt.ts).
const promptBySlug = preparedOnce((db) =>
  db
    .select({ id: prompts.id, slug: prompts.slug, title: prompts.title, latestVersionNumber: prompts.latestVersionNumber })
    .from(prompts)
    .where(and(eq(prompts.workspaceId, sql.placeholder('workspaceId')), eq(prompts.slug, sql.placeholder('slug')), isNull(prompts.deletedAt)))
    .prepare('delivery_prompt_by_slug'),
);

const labelsOfPrompt = preparedOnce((db) =>
  db
    .select({ name: promptLabels.name, targets: promptLabels.targets })
    .from(promptLabels)
    .where(and(eq(promptLabels.workspaceId, sql.placeholder('workspaceId')), eq(promptLabels.promptId, sql.placeholder('promptId'))))
    .orderBy(asc(promptLabels.name))
    .prepare('delivery_labels_of_prompt'),
);

/** The live prompt with this slug and its labels' targets, or null. */
export async function getDeliveryPromptBySlug({ workspaceId, slug }: { workspaceId: string; slug: string }): Promise<{ prompt: DeliveryPromptRow; labels: DeliveryLabelRow[] } | null> {
  const db = await getDb();
  const [prompt] = await promptBySlug(db).execute({ workspaceId, slug });
  if (!prompt) return null;
  const labels = await labelsOfPrompt(db).execute({ workspaceId, promptId: prompt.id });
  return { prompt, labels };
}

const versionByNumber = preparedOnce((db) =>
  db
    .select({
      id: promptVersions.id,
      versionNumber: promptVersions.versionNumber,
      systemPrompt: promptVersions.systemPrompt,
      userPrompt: promptVersions.userPrompt,
      messages: promptVersions.messages,
      variables: promptVersions.variables,
      model: promptVersions.model,
    })
    .from(promptVersions)
    .where(
      and(
        eq(promptVersions.workspaceId, sql.placeholder('workspaceId')),
        eq(promptVersions.promptId, sql.placeholder('promptId')),
        eq(promptVersions.versionNumber, sql.placeholder('versionNumber')),
      ),
    )
    .prepare('delivery_version_by_number'),
);

/** One version's content (versions are immutable, so callers may keep it), or null. */
export async function getDeliveryVersion(args: { workspaceId: string; promptId: string; versionNumber: number }): Promise<DeliveryVersionRow | null> {
  const [row] = await versionByNumber(await getDb()).execute(args);
  return row ?? null;
}
