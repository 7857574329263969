import 'server-only';
import { and, asc, count, desc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import type { ImportPlan, ImportState } from '@/lib/interop/import-plan';
import { getDb, type Database, type Transaction } from '../client';
import { datasetItems, datasets, promptDeployments, promptLabels, promptVersions, prompts, runs, users, type Prompt, type PromptDeployment } from '../schema';
import { insertItemRows } from './dataset-items';
import { insertDeploymentRow } from './prompt-deployments';

type Reader = Database | Transaction;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What an import compares with: the live prompts with these slugs (their versions and labels) and the datasets
 * with these names or their numbered copies (`name (2)`), items in order. In a transaction the prompt rows are
 * locked, so concurrent saves wait for the import.
 */
export async function loadImportState(db: Reader, args: { workspaceId: string; slugs: string[]; datasetNames: string[]; lock: boolean }): Promise<ImportState> {
  const { workspaceId } = args;
  const promptRows = args.slugs.length
    ? await (() => {
        const q = db.select().from(prompts).where(and(eq(prompts.workspaceId, workspaceId), isNull(prompts.deletedAt), inArray(prompts.slug, args.slugs)));
        return args.lock ? q.for('update') : q;
      })()
    : [];
  const ids = promptRows.map((p) => p.id);
  const versionRows = ids.length ? await db.select().from(promptVersions).where(and(eq(promptVersions.workspaceId, workspaceId), inArray(promptVersions.promptId, ids))).orderBy(asc(promptVersions.versionNumber)) : [];
  const labelRows = ids.length ? await db.select().from(promptLabels).where(and(eq(promptLabels.workspaceId, workspaceId), inArray(promptLabels.promptId, ids))) : [];
  const nameFilter = args.datasetNames.flatMap((n) => [eq(datasets.name, n), like(datasets.name, `${escapeLike(n)} (%)`)]);
  const datasetRows = nameFilter.length ? await db.select().from(datasets).where(and(eq(datasets.workspaceId, workspaceId), or(...nameFilter))) : [];
  const itemRows = datasetRows.length
    ? await db.select().from(datasetItems).where(and(eq(datasetItems.workspaceId, workspaceId), inArray(datasetItems.datasetId, datasetRows.map((d) => d.id)))).orderBy(asc(datasetItems.position))
    : [];
  const [total] = await db.select({ n: count() }).from(datasets).where(eq(datasets.workspaceId, workspaceId));
  return {
    prompts: promptRows.map((p) => ({
      id: p.id,
      slug: p.slug,
      title: p.title,
      description: p.description,
      tags: p.tags,
      versions: versionRows.filter((v) => v.promptId === p.id).map((v) => ({ versionNumber: v.versionNumber, content: { systemPrompt: v.systemPrompt, userPrompt: v.userPrompt, messages: v.messages, variables: v.variables, model: v.model, notes: v.notes } })),
      labels: labelRows.filter((l) => l.promptId === p.id).map((l) => ({ name: l.name, targets: l.targets })),
    })),
    datasets: datasetRows.map((d) => ({ id: d.id, name: d.name, items: itemRows.filter((i) => i.datasetId === d.id).map((i) => ({ input: i.input, expected: i.expected ?? null, metadata: i.metadata })) })),
    datasetCount: total?.n ?? 0,
  };
}

export type AppliedImport = {
  promptIds: Map<string, string>;
  datasetIds: Map<string, string>;
  createdVersions: { promptId: string; slug: string; versionNumber: number }[];
  /** The label moves this import made (not history copied from a bundle). */
  labelMoves: { promptId: string; slug: string; deployment: PromptDeployment }[];
};

/** Writes a plan in the caller's transaction: new prompts, appended versions, labels, deployments, datasets, items. */
export async function applyImportPlan(tx: Transaction, args: { workspaceId: string; userId: string | null; apiKeyId: string | null; plan: ImportPlan }): Promise<AppliedImport> {
  const { workspaceId, userId } = args;
  const promptIds = new Map<string, string>();
  const datasetIds = new Map<string, string>();
  const createdVersions: AppliedImport['createdVersions'] = [];
  const labelMoves: AppliedImport['labelMoves'] = [];
  for (const p of args.plan.prompts) {
    let prompt: Prompt | undefined;
    if (p.existingId) [prompt] = await tx.select().from(prompts).where(and(eq(prompts.id, p.existingId), eq(prompts.workspaceId, workspaceId)));
    else [prompt] = await tx.insert(prompts).values({ workspaceId, title: p.title, slug: p.slug, description: p.description, tags: p.tags, createdBy: userId }).returning();
    if (!prompt) throw new Error('an imported prompt could not be written');
    promptIds.set(p.slug, prompt.id);
    let current: { id: string; versionNumber: number } | null = null;
    for (const v of p.versions.filter((x) => x.create)) {
      const [row] = await tx
        .insert(promptVersions)
        .values({ promptId: prompt.id, workspaceId, versionNumber: v.versionNumber, authorId: userId, restoredFrom: v.restoredFrom, ...v.content, ...(v.createdAt ? { createdAt: v.createdAt } : {}) })
        .returning({ id: promptVersions.id, versionNumber: promptVersions.versionNumber });
      if (!row) throw new Error('an imported version could not be written');
      current = row;
      createdVersions.push({ promptId: prompt.id, slug: p.slug, versionNumber: row.versionNumber });
    }
    if (current) await tx.update(prompts).set({ latestVersionNumber: current.versionNumber, currentVersionId: current.id, updatedAt: new Date() }).where(eq(prompts.id, prompt.id));
    for (const l of p.labels) await tx.insert(promptLabels).values({ workspaceId, promptId: prompt.id, name: l.name, targets: l.targets, protected: l.protected, updatedBy: userId });
    const deploymentIds: string[] = [];
    for (const d of p.deployments) {
      const values = {
        workspaceId,
        promptId: prompt.id,
        label: d.label,
        action: d.action,
        fromTargets: d.from,
        toTargets: d.to,
        note: d.note,
        rollbackOf: d.rollbackOf === null ? null : (deploymentIds[d.rollbackOf] ?? null),
      };
      // History from another workspace keeps its time (its actors are not users here); this import's own moves are
      // timed after the prompt's last deployment, as every label move is.
      let row: { id: string } | undefined;
      if (d.createdAt) [row] = await tx.insert(promptDeployments).values({ ...values, actorId: null, apiKeyId: null, createdAt: d.createdAt }).returning({ id: promptDeployments.id });
      else {
        const made = await insertDeploymentRow(tx, { ...values, actorId: userId, apiKeyId: args.apiKeyId });
        if (made.action === 'move') labelMoves.push({ promptId: prompt.id, slug: p.slug, deployment: made });
        row = made;
      }
      deploymentIds.push(row?.id ?? '');
    }
  }
  for (const d of args.plan.datasets) {
    if (d.existingId) {
      datasetIds.set(d.name, d.existingId);
      continue;
    }
    const [row] = await tx.insert(datasets).values({ workspaceId, name: d.name, description: d.description, createdBy: userId, itemCount: d.items.length }).returning();
    if (!row) throw new Error('an imported dataset could not be written');
    await insertItemRows(tx, { workspaceId, datasetId: row.id, firstPosition: 1, items: d.items, returning: false });
    datasetIds.set(d.name, row.id);
  }
  return { promptIds, datasetIds, createdVersions, labelMoves };
}

/**
 * Runs `work` in one transaction (an import is written whole or not at all), after any other import into the same
 * workspace: two imports of one file would otherwise both plan "create" and collide on a unique name.
 */
export async function inImportTransaction<T>(workspaceId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${workspaceId}`}))`);
    return work(tx);
  });
}

/** The same state outside a transaction, for a dry run. */
export async function readImportState(args: { workspaceId: string; slugs: string[]; datasetNames: string[] }): Promise<ImportState> {
  return loadImportState(await getDb(), { ...args, lock: false });
}

/** The prompt's newest runs (experiment cells included), at most `limit`. */
export async function listPromptRunsForExport({ workspaceId, promptId, limit }: { workspaceId: string; promptId: string; limit: number }) {
  const db = await getDb();
  return db.select().from(runs).where(and(eq(runs.workspaceId, workspaceId), eq(runs.promptId, promptId))).orderBy(desc(runs.createdAt), desc(runs.id)).limit(limit);
}

// ---- Export ----

/** Every live prompt of the workspace with its versions (and authors), labels and deployments, oldest first. */
export async function listPromptsForExport(args: { workspaceId: string; promptId?: string }) {
  const db = await getDb();
  const promptRows = await db
    .select()
    .from(prompts)
    .where(and(eq(prompts.workspaceId, args.workspaceId), isNull(prompts.deletedAt), args.promptId ? eq(prompts.id, args.promptId) : undefined))
    .orderBy(asc(prompts.createdAt), asc(prompts.id));
  const ids = promptRows.map((p) => p.id);
  if (!ids.length) return [];
  const versionRows = await db
    .select({ version: promptVersions, authorName: users.name, authorEmail: users.email })
    .from(promptVersions)
    .leftJoin(users, eq(users.id, promptVersions.authorId))
    .where(and(eq(promptVersions.workspaceId, args.workspaceId), inArray(promptVersions.promptId, ids)))
    .orderBy(asc(promptVersions.versionNumber));
  const labelRows = await db.select().from(promptLabels).where(and(eq(promptLabels.workspaceId, args.workspaceId), inArray(promptLabels.promptId, ids))).orderBy(asc(promptLabels.name));
  const deploymentRows = await db
    .select({ deployment: promptDeployments, actorName: users.name, actorEmail: users.email })
    .from(promptDeployments)
    .leftJoin(users, eq(users.id, promptDeployments.actorId))
    .where(and(eq(promptDeployments.workspaceId, args.workspaceId), inArray(promptDeployments.promptId, ids)))
    .orderBy(asc(promptDeployments.createdAt), asc(promptDeployments.id));
  return promptRows.map((prompt) => ({
    prompt,
    versions: versionRows.filter((v) => v.version.promptId === prompt.id),
    labels: labelRows.filter((l) => l.promptId === prompt.id),
    deployments: deploymentRows.filter((d) => d.deployment.promptId === prompt.id),
  }));
}

/** Every dataset of the workspace with its items in order. */
export async function listDatasetsForExport({ workspaceId }: { workspaceId: string }) {
  const db = await getDb();
  const datasetRows = await db.select().from(datasets).where(eq(datasets.workspaceId, workspaceId)).orderBy(asc(datasets.createdAt), asc(datasets.id));
  if (!datasetRows.length) return [];
  const itemRows = await db.select().from(datasetItems).where(and(eq(datasetItems.workspaceId, workspaceId), inArray(datasetItems.datasetId, datasetRows.map((d) => d.id)))).orderBy(asc(datasetItems.position));
  return datasetRows.map((dataset) => ({ dataset, items: itemRows.filter((i) => i.datasetId === dataset.id) }));
}
