import 'server-only';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { isUuid } from '@/lib/ids';
import type { Transaction } from '../client';
import { getDb } from '../client';
import { promptDeployments, users, type LabelTarget, type PromptDeployment } from '../schema';

export type DeploymentRow = { deployment: PromptDeployment; actorName: string | null };

export type NewDeployment = {
  workspaceId: string;
  promptId: string;
  label: string;
  action: PromptDeployment['action'];
  fromTargets: LabelTarget[] | null;
  toTargets: LabelTarget[] | null;
  note: string;
  rollbackOf?: string | null;
  actorId: string | null;
  apiKeyId: string | null;
};

/** The actions that change what a label serves (protect/unprotect do not). */
const MOVES: PromptDeployment['action'][] = ['move', 'rollback', 'delete'];

/**
 * Appends a deployment; the caller's transaction holds the prompt row locked. Its time is taken after the lock and
 * kept strictly after the prompt's previous deployment, so the history orders exactly as the moves happened
 * (now() is the transaction's start, which a transaction that waited for the lock would place too early).
 */
export async function insertDeploymentRow(tx: Transaction, values: NewDeployment): Promise<PromptDeployment> {
  const previous = sql`(select max(${promptDeployments.createdAt}) from ${promptDeployments} where ${promptDeployments.promptId} = ${values.promptId})`;
  const [row] = await tx
    .insert(promptDeployments)
    .values({ ...values, createdAt: sql`greatest(clock_timestamp(), ${previous} + interval '1 millisecond')` })
    .returning();
  if (!row) throw new Error('insert returned no deployment');
  return row;
}

/** The label's latest move, rollback or deletion: what a rollback undoes. */
export async function getLastLabelMove(tx: Transaction, args: { promptId: string; label: string }): Promise<PromptDeployment | null> {
  const [row] = await tx
    .select()
    .from(promptDeployments)
    .where(and(eq(promptDeployments.promptId, args.promptId), eq(promptDeployments.label, args.label), inArray(promptDeployments.action, MOVES)))
    .orderBy(desc(promptDeployments.createdAt), desc(promptDeployments.id))
    .limit(1);
  return row ?? null;
}

/**
 * Whether the label was protected just before `at` (a deletion's time): its latest protect or unprotect since it was
 * last created says so. A deletion does not record protection itself, and a rollback of it restores it.
 */
export async function wasLabelProtected(tx: Transaction, args: { promptId: string; label: string; at: Date }): Promise<boolean> {
  const d = promptDeployments;
  const created = and(inArray(d.action, ['move', 'rollback']), isNull(d.fromTargets));
  const [row] = await tx
    .select({ action: d.action })
    .from(d)
    .where(and(eq(d.promptId, args.promptId), eq(d.label, args.label), lt(d.createdAt, args.at), or(inArray(d.action, ['protect', 'unprotect']), created)))
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(1);
  return row?.action === 'protect';
}

/** Newest first, after the keyset position `after` when given; the prompt's liveness is the caller's check. */
export async function listDeploymentRows(args: {
  workspaceId: string;
  promptId: string;
  label?: string;
  after?: { at: Date; id: string };
  limit: number;
}): Promise<DeploymentRow[]> {
  if (!isUuid(args.promptId)) return [];
  const db = await getDb();
  const { after } = args;
  return db
    .select({ deployment: promptDeployments, actorName: users.name })
    .from(promptDeployments)
    .leftJoin(users, eq(users.id, promptDeployments.actorId))
    .where(
      and(
        eq(promptDeployments.workspaceId, args.workspaceId),
        eq(promptDeployments.promptId, args.promptId),
        args.label ? eq(promptDeployments.label, args.label) : undefined,
        after
          ? or(lt(promptDeployments.createdAt, after.at), and(eq(promptDeployments.createdAt, after.at), lt(promptDeployments.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(promptDeployments.createdAt), desc(promptDeployments.id))
    .limit(args.limit);
}
