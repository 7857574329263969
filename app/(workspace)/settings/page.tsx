import type { Metadata } from 'next';
import { requirePageCaller } from '@/lib/auth/page-caller';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ApiKeysPanel } from './_components/api-keys-panel';
import { ModelPrices } from './_components/model-prices';
import { PolicyPanel } from './_components/policy-panel';
import { ProvidersPanel } from './_components/provider-panel';
import { WebhooksPanel } from './_components/webhooks-panel';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const caller = await requirePageCaller('/settings');
  const canManage = caller.workspace.role === 'owner' || caller.workspace.role === 'admin';
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">Your account, and API access to {caller.workspace.name}.</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Account</CardTitle>
          <CardDescription>Signed in as {caller.user.email ?? caller.user.name}.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
          <span className="text-muted-foreground">Workspace</span>
          <span>{caller.workspace.name}</span>
          <span className="text-muted-foreground">Your role</span>
          <span className="capitalize">{caller.workspace.role}</span>
          <span className="text-muted-foreground">This instance</span>
          <span data-testid="instance-role">{caller.user.instanceRole === 'owner' ? 'Owner (first account)' : 'Member'}</span>
        </CardContent>
      </Card>
      <ApiKeysPanel userId={caller.user.id} />
      <ProvidersPanel canManage={canManage} canTest={caller.workspace.role !== 'viewer'} />
      <PolicyPanel canManage={canManage} />
      <ModelPrices canManage={canManage} />
      <WebhooksPanel canManage={canManage} />
    </div>
  );
}
