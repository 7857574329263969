// npm run db:seed [-- --email you@example.com]
// Adds the first-run samples to a user's workspace (the instance owner's by default). Safe to run again: what
// exists already is left alone.
import './load-env';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { closeDb } from '@/db/client';
import { DatabaseInUseError } from '@/db/pglite-lock';
import { getInstanceOwner, getUserByEmail } from '@/db/queries/users';
import { ensurePersonalWorkspace } from '@/db/queries/workspaces';
import { ensureSampleDataset } from '@/lib/datasets/create-sample-dataset';
import { ensureSamplePrompt } from '@/lib/prompts/create-sample-prompt';

type Target = { workspaceId: string; userId: string };

/** Each sample: what it adds, idempotently. */
const samples: { name: string; seed: (target: Target) => Promise<string> }[] = [
  {
    name: 'sample prompt',
    seed: async (target) => {
      const { prompt, created } = await ensureSamplePrompt(target);
      return `${created ? 'Created' : 'Kept the existing'} sample prompt "${prompt.title}" (/prompts/${prompt.id})`;
    },
  },
  {
    name: 'sample dataset',
    seed: async (target) => {
      const { dataset, created } = await ensureSampleDataset(target);
      return `${created ? 'Created' : 'Kept the existing'} sample dataset "${dataset.name}" with ${dataset.itemCount} items (/datasets/${dataset.id})`;
    },
  },
];

const { values } = parseArgs({ options: { email: { type: 'string' } } });
const email = values.email === undefined ? null : z.email().safeParse(values.email);
if (email && !email.success) {
  console.error('Usage: npm run db:seed [-- --email you@example.com]');
  process.exit(2);
}

try {
  const user = email ? await getUserByEmail({ email: email.data! }) : await getInstanceOwner();
  if (!user) {
    console.error(
      email
        ? `No user has the email ${email.data}. Sign up first, or create one with npm run api-key -- --email ${email.data}.`
        : 'Nobody has signed up yet: sign up first (the first account owns the instance), or pass --email.',
    );
    // Not process.exit: the finally block must close the database (and release the embedded one's lock).
    process.exitCode = 4;
  } else {
    const workspace = await ensurePersonalWorkspace({ userId: user.id, name: user.name });
    console.log(`Seeding the workspace "${workspace.name}" of ${user.email}:`);
    for (const sample of samples) console.log(`- ${await sample.seed({ workspaceId: workspace.id, userId: user.id })}`);
  }
} catch (error) {
  if (error instanceof DatabaseInUseError) {
    console.error(
      `${error.message}\nThe embedded database cannot be shared between processes. Stop the server and run this again, ` +
        'or use "Try a sample prompt" on the empty prompt list.',
    );
    process.exitCode = 3;
  } else {
    console.error(`Could not seed the database: ${(error as Error).message}`);
    process.exitCode = 1;
  }
} finally {
  await closeDb().catch(() => undefined);
}
