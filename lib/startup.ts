import { env, EnvError } from './env';
import { getDatabase } from '@/db/client';

/** Server start-up: refuse bad settings with one clear line, open (and migrate) the database, start recovery. */
export async function startServer() {
  let settings;
  try {
    settings = env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\nPromptLab cannot start. ${error.message}\n`);
    process.exit(1);
  }
  const { driver } = await getDatabase();
  console.log(`[promptlab] database ready (${driver}); run callbacks go to ${settings.callbackBaseUrl}${settings.qstash ? ' via QStash' : ''}`);
  if (!settings.qstash) {
    const { startLocalRecovery } = await import('./runs/local-recovery');
    await startLocalRecovery({ releaseLeases: driver === 'pglite' });
  }
}
