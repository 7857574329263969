'use client';

import { useState } from 'react';
import { ChevronDown, ChevronRight, Plus, Send, Webhook } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import { formatRelative } from '@/lib/client/format';
import { WEBHOOK_EVENTS, type TestEvent } from '@/lib/webhooks/events';
import type { WebhookView } from '@/lib/webhooks/view-schemas';
import { CreateWebhookDialog } from './create-webhook-dialog';
import { useDeleteWebhook, useSendTestEvent, useUpdateWebhook, useWebhooks } from './use-webhooks';
import { WebhookDeliveries } from './webhook-deliveries';

/** Workspace webhooks: everyone sees them and their delivery log; admins create, change, test and delete them. */
export function WebhooksPanel({ canManage }: { canManage: boolean }) {
  const hooks = useWebhooks();
  const [creating, setCreating] = useState(false);
  return (
    <Card data-testid="webhooks-panel">
      <CardHeader className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <div className="space-y-1.5">
          <CardTitle>Webhooks</CardTitle>
          <CardDescription>
            Signed events to your own endpoints when a version is created, a label moves or an experiment completes.{' '}
            {canManage ? 'Failed deliveries are retried with backoff.' : 'Only admins can change them.'}
          </CardDescription>
        </div>
        {canManage && (
          <Button size="sm" onClick={() => setCreating(true)} data-testid="create-webhook">
            <Plus aria-hidden /> New webhook
          </Button>
        )}
      </CardHeader>
      <CardContent>
        {hooks.isError && (
          <Alert variant="destructive"><AlertDescription>{errorMessage(hooks.error)}</AlertDescription></Alert>
        )}
        {hooks.isPending && <Skeleton className="h-16" />}
        {hooks.data?.length === 0 && (
          <EmptyState
            icon={<Webhook />}
            title="No webhooks"
            titleAs="h3"
            description={canManage ? 'Add one to tell your CI or chat when a prompt is deployed.' : 'An admin can add one to notify other systems.'}
            className="py-8"
          />
        )}
        {hooks.data && hooks.data.length > 0 && (
          <ul className="divide-y rounded-lg border" data-testid="webhook-list">
            {hooks.data.map((hook) => (
              <WebhookRow key={hook.id} hook={hook} canManage={canManage} />
            ))}
          </ul>
        )}
      </CardContent>
      {canManage && <CreateWebhookDialog open={creating} onOpenChange={setCreating} />}
    </Card>
  );
}

function WebhookRow({ hook, canManage }: { hook: WebhookView; canManage: boolean }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const test = useSendTestEvent();

  function sendTest(event: TestEvent) {
    test.mutate(
      { id: hook.id, event },
      {
        onSuccess: () => {
          setOpen(true);
          toast({ title: `Sent a ${event} test event`, description: 'Its delivery shows in the log below.', variant: 'success' });
        },
        onError: (error) => toast({ title: 'Could not send the test event', description: errorMessage(error), variant: 'error' }),
      },
    );
  }

  return (
    <li className="px-4 py-3" data-testid="webhook-row">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <button
          type="button"
          className="flex min-w-0 flex-1 items-start gap-2 text-left"
          aria-expanded={open}
          onClick={() => setOpen((v) => !v)}
          data-testid="webhook-toggle-log"
        >
          {open ? <ChevronDown aria-hidden className="mt-0.5 size-4 shrink-0" /> : <ChevronRight aria-hidden className="mt-0.5 size-4 shrink-0" />}
          <span className="min-w-0 space-y-1">
            <span className="block font-mono text-sm break-all" data-testid="webhook-row-url">{hook.url}</span>
            {hook.description && <span className="block text-sm text-muted-foreground">{hook.description}</span>}
            <span className="flex flex-wrap items-center gap-1">
              {hook.enabled ? <Badge variant="success">Enabled</Badge> : <Badge variant="secondary" data-testid="webhook-disabled">Disabled</Badge>}
              {hook.events.map((event) => (
                <Badge key={event} variant="outline" className="font-mono">{event}</Badge>
              ))}
              <span className="text-xs text-muted-foreground">added {formatRelative(hook.createdAt)}</span>
            </span>
          </span>
        </button>
        {canManage && (
          <div className="flex shrink-0 flex-wrap gap-2 pl-6 sm:pl-0">
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="outline" size="sm" disabled={test.isPending} data-testid="webhook-test">
                  <Send aria-hidden /> Send test
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end" className="w-60">
                <DropdownMenuLabel className="text-xs text-muted-foreground">Send with sample data</DropdownMenuLabel>
                <DropdownMenuItem onSelect={() => sendTest('ping')} data-testid="webhook-test-ping">
                  <code className="font-mono text-xs">ping</code>
                </DropdownMenuItem>
                <DropdownMenuSeparator />
                {WEBHOOK_EVENTS.map((event) => (
                  <DropdownMenuItem key={event} onSelect={() => sendTest(event)}>
                    <code className="font-mono text-xs">{event}</code>
                  </DropdownMenuItem>
                ))}
              </DropdownMenuContent>
            </DropdownMenu>
            <Button
              variant="outline"
              size="sm"
              disabled={update.isPending}
              data-testid="webhook-enable-toggle"
              onClick={() =>
                update.mutate(
                  { id: hook.id, enabled: !hook.enabled },
                  { onError: (error) => toast({ title: 'Could not change the webhook', description: errorMessage(error), variant: 'error' }) },
                )
              }
            >
              {hook.enabled ? 'Disable' : 'Enable'}
            </Button>
            <ConfirmButton
              label="Delete"
              testId="webhook-delete"
              title="Delete this webhook?"
              description="No more events go to this URL, and its delivery log is deleted with it."
              confirmLabel="Delete webhook"
              confirmTestId="confirm-webhook-delete"
              onConfirm={() =>
                remove.mutate(hook.id, {
                  onSuccess: () => toast({ title: 'Webhook deleted', variant: 'success' }),
                  onError: (error) => toast({ title: 'Could not delete the webhook', description: errorMessage(error), variant: 'error' }),
                })
              }
            />
          </div>
        )}
      </div>
      {open && <WebhookDeliveries webhookId={hook.id} canManage={canManage} />}
    </li>
  );
}
