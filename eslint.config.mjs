import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Server-only modules under lib/ (each starts with `import 'server-only'`); the rest of lib/ is safe in the browser.
const SERVER_ONLY_MODULES = [
  '@/lib/env',
  '@/lib/api/*',
  '!@/lib/api/errors',
  '@/lib/auth/*',
  '!@/lib/auth/callback-path',
  '@/lib/crypto/*',
  '@/lib/queue',
  '@/lib/queue/*',
  '@/lib/runs/*',
  '!@/lib/runs/statuses',
  '!@/lib/runs/schemas',
  '@/lib/llm/*',
  '!@/lib/llm/types',
  '!@/lib/llm/usage',
  '!@/lib/llm/pricing',
  '!@/lib/llm/model-warnings',
  '!@/lib/llm/token-chunks',
  '!@/lib/llm/token-encoding',
  '@/lib/net/*',
  '@/lib/prompts/*',
  '!@/lib/prompts/schemas',
  '!@/lib/prompts/input-set-schema',
  '!@/lib/prompts/views',
  '@/lib/providers/*',
  '!@/lib/providers/catalog',
  '@/lib/cache',
  '@/lib/ratelimit',
  '@/lib/redis',
  '@/lib/run-channel',
  '@/lib/startup',
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  // Import boundaries: queries only query, the browser never reaches the database or server-only code, lib never
  // reaches into app/. Type-only imports count too: a view type belongs in lib/, not in db/.
  {
    files: ['db/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/lib/api', '@/lib/api/*', '**/lib/api', '**/lib/api/*'], message: 'db/ returns rows or null; ApiErrors and envelopes belong to lib/ services and routes.' }] }],
    },
  },
  {
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/app', '@/app/*', '**/app/**'], message: 'lib/ never imports from app/: move the shared code into lib/.' }] }],
    },
  },
  {
    files: ['components/**', 'app/**/_components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/db', '@/db/*', '**/db/*'], message: 'Browser code imports no db/ module, not even a type: use the views in lib/ (lib/client/types.ts).' }] },
      ],
      // Types are erased, so a type from a server module is fine; its code is not.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: SERVER_ONLY_MODULES, allowTypeImports: true, message: 'This module is server-only: reach it through the API.' }] },
      ],
    },
  },
  {
    // Routes answer through ok()/fail() (lib/api/response.ts), so every body has the one envelope.
    files: ['app/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Response', property: 'json', message: 'Use ok() or fail() from lib/api/response.' },
        { object: 'NextResponse', property: 'json', message: 'Use ok() or fail() from lib/api/response.' },
      ],
    },
  },
  {
    // Tests read loosely typed JSON responses; Playwright fixtures call `use`, which is not a React hook.
    files: ['tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    ignores: ['.next/**', '.data/**', 'node_modules/**', 'packages/*/dist/**', 'drizzle/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
];

export default config;
