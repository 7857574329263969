import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiReference } from '@/components/api-docs/api-reference';

export const metadata: Metadata = { title: 'API reference' };

export default function ApiDocsPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API reference</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Every route under <code>/api/v1</code>, generated from the schemas the server validates with. “Try it out” runs
          requests as you, with this session; to act as a script would, paste an API key from{' '}
          <Link href="/settings" className="underline underline-offset-2">
            Settings → API keys
          </Link>{' '}
          under “Authorize”. The document is at{' '}
          <a href="/api/openapi.json" className="underline underline-offset-2" data-testid="openapi-json-link">
            /api/openapi.json
          </a>
          .
        </p>
      </div>
      <ApiReference />
    </div>
  );
}
