import { env, EnvError } from './env';
import { getDatabase } from '@/db/client';

/** Server start-up: refuse bad settings with one clear line, then open (and migrate) the database. */
export async function startServer() {
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\nPromptLab cannot start. ${error.message}\n`);
    process.exit(1);
  }
  const { driver } = await getDatabase();
  console.log(`[promptlab] database ready (${driver})`);
}
