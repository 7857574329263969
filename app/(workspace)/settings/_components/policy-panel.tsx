'use client';

import { useEffect, useState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toaster';
import { apiFetch } from '@/lib/client/api';

type Policy = { monthlyBudgetUsd: number | null; modelAllowlist: string[] | null; monthSpendUsd: number };

export function PolicyPanel({ canManage }: { canManage: boolean }) {
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    apiFetch<Policy>('/api/v1/workspace').then(setPolicy, (e: Error) => setError(e.message));
  }, []);

  async function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const budget = String(form.get('budget') ?? '').trim();
    const allowlist = String(form.get('allowlist') ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    setSaving(true);
    setError(null);
    try {
      const saved = await apiFetch<Omit<Policy, 'monthSpendUsd'>>('/api/v1/workspace', {
        method: 'PATCH',
        body: { monthlyBudgetUsd: budget === '' ? null : Number(budget), modelAllowlist: allowlist.length ? allowlist : null },
      });
      setPolicy((prev) => (prev ? { ...prev, ...saved } : prev));
      toast({ title: 'Policies saved', variant: 'success' });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const budget = policy?.monthlyBudgetUsd ?? null;
  // A $0 budget is spent from the start.
  const share = budget === null ? 0 : budget === 0 ? 1 : Math.min(1, policy!.monthSpendUsd / budget);
  return (
    <Card data-testid="policy-panel">
      <CardHeader>
        <CardTitle>Spending and models</CardTitle>
        <CardDescription>A monthly budget stops new runs once reached; an allowlist limits which models may run.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        {error && <Alert variant="destructive"><AlertDescription data-testid="policy-error">{error}</AlertDescription></Alert>}
        {!policy && !error && <Skeleton className="h-24" />}
        {policy && (
          <>
            <div className="space-y-2">
              <div className="flex items-baseline justify-between text-sm">
                <span>This month</span>
                <span className="font-mono" data-testid="month-spend">
                  {formatUsd(policy.monthSpendUsd)}
                  {policy.monthlyBudgetUsd !== null && <span className="text-muted-foreground"> of ${policy.monthlyBudgetUsd.toFixed(2)}</span>}
                </span>
              </div>
              {policy.monthlyBudgetUsd !== null && (
                <div className="h-2 overflow-hidden rounded-full bg-muted" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} aria-label="Budget used">
                  <div className={share >= 1 ? 'h-full bg-destructive' : share > 0.8 ? 'h-full bg-warning' : 'h-full bg-primary'} style={{ width: `${share * 100}%` }} />
                </div>
              )}
            </div>
            <form onSubmit={save} className="space-y-4">
              <div className="space-y-2">
                <Label htmlFor="budget">Monthly budget (USD)</Label>
                <Input id="budget" name="budget" type="number" min={0} step="any" placeholder="No limit" defaultValue={policy.monthlyBudgetUsd ?? ''} disabled={!canManage} className="max-w-48" data-testid="policy-budget" />
              </div>
              <div className="space-y-2">
                <Label htmlFor="allowlist">Model allowlist</Label>
                <Textarea id="allowlist" name="allowlist" rows={3} placeholder={'Any model\n(one provider/model per line, e.g. openai/gpt-4o-mini)'} defaultValue={policy.modelAllowlist?.join('\n') ?? ''} disabled={!canManage} className="font-mono text-sm" data-testid="policy-allowlist" />
              </div>
              {canManage ? (
                <Button type="submit" disabled={saving} data-testid="policy-save">{saving && <Spinner />} Save policies</Button>
              ) : (
                <p className="text-xs text-muted-foreground">Only workspace owners and admins can change these.</p>
              )}
            </form>
          </>
        )}
      </CardContent>
    </Card>
  );
}

// Small amounts keep their digits: a few test runs cost millionths of a dollar.
function formatUsd(value: number): string {
  if (value === 0) return '$0';
  return `$${value < 0.01 ? value.toFixed(6) : value.toFixed(2)}`;
}
