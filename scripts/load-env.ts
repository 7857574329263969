import nextEnv from '@next/env';

// Scripts read .env and .env.local exactly as `next dev` and `next start` do.
nextEnv.loadEnvConfig(process.cwd());
