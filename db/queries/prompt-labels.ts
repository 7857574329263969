import 'server-only';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import { getDb } from '../client';
import { promptLabels, promptVersions, users, type LabelTarget, type Prompt, type PromptDeployment, type PromptLabel } from '../schema';
import { lockLivePrompt } from './prompt-versions';
import { getLastLabelMove, insertDeploymentRow, wasLabelProtected, type NewDeployment } from './prompt-deployments';

export type LabelRow = { label: PromptLabel; updatedByName: string | null };

const labelColumns = { label: promptLabels, updatedByName: users.name };

/** A prompt's stored labels by name; the prompt's liveness is the caller's check. */
export async function listLabelRows({ workspaceId, promptId }: { workspaceId: string; promptId: string }): Promise<LabelRow[]> {
  if (!isUuid(promptId)) return [];
  const db = await getDb();
  return db
    .select(labelColumns)
    .from(promptLabels)
    .leftJoin(users, eq(users.id, promptLabels.updatedBy))
    .where(and(eq(promptLabels.workspaceId, workspaceId), eq(promptLabels.promptId, promptId)))
    .orderBy(asc(promptLabels.name));
}

export async function getLabelRow({ workspaceId, promptId, name }: { workspaceId: string; promptId: string; name: string }): Promise<LabelRow | null> {
  if (!isUuid(promptId)) return null;
  const db = await getDb();
  const [row] = await db
    .select(labelColumns)
    .from(promptLabels)
    .leftJoin(users, eq(users.id, promptLabels.updatedBy))
    .where(and(eq(promptLabels.workspaceId, workspaceId), eq(promptLabels.promptId, promptId), eq(promptLabels.name, name)));
  return row ?? null;
}

/** The writes a label change may make, inside the transaction that holds the prompt row locked. */
export type LabelWriter = {
  prompt: Prompt;
  /** The label as it is now (read under the lock), or null. */
  label: PromptLabel | null;
  /** Which of these version numbers the prompt does not have. */
  missingVersions: (numbers: number[]) => Promise<number[]>;
  lastMove: () => Promise<PromptDeployment | null>;
  /** Whether the label was protected just before this time (for undoing a deletion). */
  protectedBefore: (at: Date) => Promise<boolean>;
  /** How many labels the prompt has stored. */
  labelCount: () => Promise<number>;
  save: (values: { targets: LabelTarget[]; protected: boolean; updatedBy: string | null }) => Promise<PromptLabel>;
  remove: () => Promise<void>;
  record: (deployment: Omit<NewDeployment, 'workspaceId' | 'promptId' | 'label'>) => Promise<PromptDeployment>;
};

/**
 * Changes one label under a lock on its prompt's row, so concurrent changes to the prompt's labels queue up and
 * each sees (and records as `from`) the state the previous one left. `change` applies the rules and may throw to
 * undo everything. Null when there is no such live prompt.
 */
export async function changeLabelLocked<T>(args: { workspaceId: string; promptId: string; name: string; change: (writer: LabelWriter) => Promise<T> }): Promise<T | null> {
  if (!isUuid(args.promptId)) return null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const prompt = await lockLivePrompt(tx, args);
    if (!prompt) return null;
    const thisLabel = and(eq(promptLabels.promptId, prompt.id), eq(promptLabels.name, args.name));
    const [label] = await tx.select().from(promptLabels).where(thisLabel);
    return args.change({
      prompt,
      label: label ?? null,
      missingVersions: async (numbers) => {
        if (numbers.length === 0) return [];
        const found = await tx
          .select({ n: promptVersions.versionNumber })
          .from(promptVersions)
          .where(and(eq(promptVersions.promptId, prompt.id), inArray(promptVersions.versionNumber, numbers)));
        const have = new Set(found.map((r) => r.n));
        return numbers.filter((n) => !have.has(n));
      },
      lastMove: () => getLastLabelMove(tx, { promptId: prompt.id, label: args.name }),
      protectedBefore: (at) => wasLabelProtected(tx, { promptId: prompt.id, label: args.name, at }),
      labelCount: async () => {
        const [row] = await tx.select({ n: count() }).from(promptLabels).where(eq(promptLabels.promptId, prompt.id));
        return Number(row?.n ?? 0);
      },
      save: async (values) => {
        const [row] = await tx
          .insert(promptLabels)
          .values({ workspaceId: prompt.workspaceId, promptId: prompt.id, name: args.name, ...values })
          .onConflictDoUpdate({ target: [promptLabels.promptId, promptLabels.name], set: { ...values, updatedAt: new Date() } })
          .returning();
        if (!row) throw new Error('upsert returned no label');
        return row;
      },
      remove: async () => {
        await tx.delete(promptLabels).where(thisLabel);
      },
      record: (deployment) => insertDeploymentRow(tx, { ...deployment, workspaceId: prompt.workspaceId, promptId: prompt.id, label: args.name }),
    });
  });
}
