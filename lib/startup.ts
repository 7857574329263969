import 'server-only';
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
  const callbacks = settings.qstash ? `${settings.callbackBaseUrl} via QStash` : `${settings.localDispatchUrl} (signed for ${settings.callbackBaseUrl})`;
  console.log(`[promptlab] database ready (${driver}); run callbacks go to ${callbacks}`);
  if (!settings.qstash) {
    const { startLocalRecovery } = await import('./runs/local-recovery');
    await startLocalRecovery({ releaseLeases: driver === 'pglite' });
  } else {
    // Not awaited: start-up (and the first requests) never wait for QStash.
    const { startRecoverySchedule } = await import('./queue/recovery-schedule');
    void startRecoverySchedule();
  }
}
