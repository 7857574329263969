// npm run api-key -- --email you@example.com [--name "CI"]
// Creates the user and their personal workspace when the email is new, then a key; the key is the last line printed.
import './load-env';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { closeDb } from '@/db/client';
import { DatabaseInUseError } from '@/db/pglite-lock';
import { createApiKeyRecord } from '@/db/queries/api-keys';
import { createUser, getUserByEmail } from '@/db/queries/users';
import { ensurePersonalWorkspace } from '@/db/queries/workspaces';
import { generateApiKey } from '@/lib/auth/api-key-token';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string', default: 'CLI' } } });
const email = z.email().safeParse(values.email);
if (!email.success) {
  console.error('Usage: npm run api-key -- --email you@example.com [--name "key name"]');
  process.exit(2);
}

try {
  const existing = await getUserByEmail({ email: email.data });
  const user = existing ?? (await createUser({ email: email.data }));
  const workspace = await ensurePersonalWorkspace({ userId: user.id, name: user.name });
  const { key, prefix, hashedKey } = generateApiKey();
  await createApiKeyRecord({ workspaceId: workspace.id, userId: user.id, name: values.name ?? 'CLI', prefix, hashedKey });
  console.log(`${existing ? 'Found' : 'Created'} user ${user.email} in workspace "${workspace.name}". New API key (shown once):`);
  console.log(key);
} catch (error) {
  if (error instanceof DatabaseInUseError) {
    console.error(
      `${error.message}\nThe embedded database cannot be shared between processes. Stop the server and run this again, ` +
        'or sign in and create a key under Settings → API keys.',
    );
    process.exit(3);
  }
  console.error(`Could not create the API key: ${(error as Error).message}`);
  process.exit(1);
} finally {
  await closeDb().catch(() => undefined);
}
