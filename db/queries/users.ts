import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { users, type User } from '../schema';
import { isUniqueViolation } from './errors';

export async function getUserById({ id }: { id: string }): Promise<User | null> {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function getUserByEmail({ email }: { email: string }): Promise<User | null> {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.email, normalizeEmail(email)));
  return row ?? null;
}

export async function countUsers(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

/** The instance owner (the first account), or null on an instance nobody has signed up to. */
export async function getInstanceOwner(): Promise<User | null> {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.instanceRole, 'owner'));
  return row ?? null;
}

/** Creates a user; the caller maps a taken email (unique violation) to its own message. */
export async function createUser(input: { email: string; name?: string | null; passwordHash?: string | null }): Promise<User> {
  const db = await getDb();
  const [row] = await db
    .insert(users)
    .values({ email: normalizeEmail(input.email), name: input.name ?? null, passwordHash: input.passwordHash ?? null })
    .returning();
  if (!row) throw new Error('insert returned no user');
  await claimInstanceOwnership({ userId: row.id });
  return (await getUserById({ id: row.id })) ?? row;
}

/** Makes the user the instance owner if nobody is yet; the partial unique index settles races. */
export async function claimInstanceOwnership({ userId }: { userId: string }): Promise<boolean> {
  const db = await getDb();
  try {
    const updated = await db
      .update(users)
      .set({ instanceRole: 'owner' })
      .where(and(eq(users.id, userId), sql`not exists (select 1 from users where instance_role = 'owner')`))
      .returning({ id: users.id });
    return updated.length > 0;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
