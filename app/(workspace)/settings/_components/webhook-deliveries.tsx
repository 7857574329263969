'use client';

import { useState } from 'react';
import { CheckCircle2, Clock, RotateCw, XCircle } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { StatusBadge, type StatusLook } from '@/components/ui/status-badge';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import { formatAbsolute, formatRelative } from '@/lib/client/format';
import type { DeliveryStatus } from '@/lib/webhooks/events';
import type { DeliveryView } from '@/lib/webhooks/view-schemas';
import { useDeliveries, useRedeliver } from './use-webhooks';

const LOOK: Record<DeliveryStatus, StatusLook> = {
  pending: { variant: 'warning', icon: Clock, label: 'Pending' },
  delivered: { variant: 'success', icon: CheckCircle2, label: 'Delivered' },
  failed: { variant: 'destructive', icon: XCircle, label: 'Failed' },
};

/** A webhook's delivery log, newest first; a row opens to show what was sent and what came back. */
export function WebhookDeliveries({ webhookId, canManage }: { webhookId: string; canManage: boolean }) {
  const deliveries = useDeliveries(webhookId);
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="mt-3 sm:ml-6" data-testid="webhook-deliveries">
      <h4 className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">Recent deliveries</h4>
      {deliveries.isError && (
        <Alert variant="destructive"><AlertDescription>{errorMessage(deliveries.error)}</AlertDescription></Alert>
      )}
      {deliveries.isPending && <Skeleton className="h-10" />}
      {deliveries.isSuccess && items.length === 0 && (
        <p className="rounded-md border border-dashed px-3 py-4 text-center text-sm text-muted-foreground" data-testid="webhook-deliveries-empty">
          Nothing sent yet.{canManage ? ' Send a test event to check your endpoint.' : ''}
        </p>
      )}
      {items.length > 0 && (
        <ul className="divide-y rounded-md border text-sm">
          {items.map((delivery) => (
            <DeliveryRow key={delivery.id} webhookId={webhookId} delivery={delivery} canManage={canManage} />
          ))}
        </ul>
      )}
      {deliveries.hasNextPage && (
        <Button variant="ghost" size="sm" className="mt-2" disabled={deliveries.isFetchingNextPage} onClick={() => deliveries.fetchNextPage()}>
          {deliveries.isFetchingNextPage && <Spinner />} Older deliveries
        </Button>
      )}
    </div>
  );
}

function DeliveryRow({ webhookId, delivery, canManage }: { webhookId: string; delivery: DeliveryView; canManage: boolean }) {
  const [open, setOpen] = useState(false);
  const redeliver = useRedeliver();
  return (
    <li data-testid="webhook-delivery" data-status={delivery.status}>
      <button
        type="button"
        className="grid w-full grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1 px-3 py-2 text-left hover:bg-muted/50 sm:grid-cols-[auto_1fr_auto_auto_auto]"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
      >
        <StatusBadge status={delivery.status} looks={LOOK} className="max-sm:col-start-1 max-sm:row-start-1" />
        <code className="truncate font-mono text-xs max-sm:col-start-1 max-sm:row-start-2">{delivery.event}</code>
        <span className="text-right text-xs tabular-nums max-sm:col-start-2 max-sm:row-start-2" data-testid="webhook-delivery-code">
          {delivery.responseStatus ?? '—'}
        </span>
        <span className="text-xs text-muted-foreground tabular-nums max-sm:hidden">{delivery.durationMs !== null ? `${delivery.durationMs} ms` : ''}</span>
        <span className="text-right text-xs text-muted-foreground max-sm:col-start-2 max-sm:row-start-1" title={formatAbsolute(delivery.createdAt)}>
          {formatRelative(delivery.createdAt)}
        </span>
      </button>
      {open && (
        <div className="space-y-3 border-t bg-muted/30 px-3 py-3 text-xs">
          <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
            <dt className="text-muted-foreground">Response code</dt>
            <dd className="tabular-nums">{delivery.responseStatus ?? 'none'}</dd>
            <dt className="text-muted-foreground">Attempts</dt>
            <dd className="tabular-nums" data-testid="webhook-delivery-attempts">{delivery.attempts}</dd>
            <dt className="text-muted-foreground">Duration</dt>
            <dd className="tabular-nums">{delivery.durationMs !== null ? `${delivery.durationMs} ms` : '—'}</dd>
            <dt className="text-muted-foreground">Event id</dt>
            <dd className="font-mono break-all">{delivery.eventId}</dd>
            {delivery.error && (
              <>
                <dt className="text-muted-foreground">Error</dt>
                <dd className="text-destructive">{delivery.error}</dd>
              </>
            )}
          </dl>
          <div>
            <div className="mb-1 font-medium">Payload</div>
            <pre className="max-h-64 overflow-auto rounded border bg-background p-2 font-mono whitespace-pre-wrap break-all">{JSON.stringify(delivery.payload, null, 2)}</pre>
          </div>
          <div>
            <div className="mb-1 font-medium">Response</div>
            <pre className="max-h-40 overflow-auto rounded border bg-background p-2 font-mono whitespace-pre-wrap break-all" data-testid="webhook-delivery-response">
              {delivery.responseExcerpt || '(empty)'}
            </pre>
          </div>
          {canManage && delivery.status !== 'pending' && (
            <Button
              variant="outline"
              size="sm"
              disabled={redeliver.isPending}
              onClick={() =>
                redeliver.mutate(
                  { id: webhookId, deliveryId: delivery.id },
                  { onError: (error) => toast({ title: 'Could not redeliver', description: errorMessage(error), variant: 'error' }) },
                )
              }
            >
              <RotateCw aria-hidden /> Redeliver
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
