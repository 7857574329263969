'use client';

import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import { formErrors } from '@/lib/client/field-errors';
import { formatCost } from '@/lib/client/format';
import type { WorkspaceSettings } from '@/lib/client/types';
import { useUpdatePolicy, useWorkspaceSettings } from './use-workspace-settings';

export function PolicyPanel({ canManage }: { canManage: boolean }) {
  const workspace = useWorkspaceSettings();
  return (
    <Card data-testid="policy-panel">
      <CardHeader>
        <CardTitle>Spending and models</CardTitle>
        <CardDescription>A monthly budget stops new runs once reached; an allowlist limits which models may run.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        {workspace.isError && <Alert variant="destructive"><AlertDescription data-testid="policy-error">{errorMessage(workspace.error)}</AlertDescription></Alert>}
        {workspace.isPending && <Skeleton className="h-24" />}
        {workspace.data && (
          <>
            <BudgetMeter policy={workspace.data} />
            <PolicyForm policy={workspace.data} canManage={canManage} />
          </>
        )}
      </CardContent>
    </Card>
  );
}

function BudgetMeter({ policy }: { policy: WorkspaceSettings }) {
  const budget = policy.monthlyBudgetUsd;
  // A $0 budget is spent from the start.
  const share = budget === null ? 0 : budget === 0 ? 1 : Math.min(1, policy.monthSpendUsd / budget);
  return (
    <div className="space-y-2">
      <div className="flex items-baseline justify-between text-sm">
        <span>This month</span>
        <span className="font-mono" data-testid="month-spend">
          {formatCost(policy.monthSpendUsd)}
          {budget !== null && <span className="text-muted-foreground"> of ${budget.toFixed(2)}</span>}
        </span>
      </div>
      {budget !== null && (
        <div className="h-2 overflow-hidden rounded-full bg-muted" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} aria-label="Budget used">
          <div className={share >= 1 ? 'h-full bg-destructive' : share > 0.8 ? 'h-full bg-warning' : 'h-full bg-primary'} style={{ width: `${share * 100}%` }} />
        </div>
      )}
    </div>
  );
}

function PolicyForm({ policy, canManage }: { policy: WorkspaceSettings; canManage: boolean }) {
  const update = useUpdatePolicy();
  const errors = formErrors(update.error, ['monthlyBudgetUsd', 'modelAllowlist']);

  function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const budget = String(form.get('budget') ?? '').trim();
    const allowlist = String(form.get('allowlist') ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    update.mutate(
      { monthlyBudgetUsd: budget === '' ? null : Number(budget), modelAllowlist: allowlist.length ? allowlist : null },
      { onSuccess: () => toast({ title: 'Policies saved', variant: 'success' }) },
    );
  }

  return (
    <form onSubmit={save} className="space-y-4" noValidate>
      {errors.form && <Alert variant="destructive"><AlertDescription data-testid="policy-error">{errors.form}</AlertDescription></Alert>}
      <div className="space-y-2">
        <Label htmlFor="budget">Monthly budget (USD)</Label>
        <Input
          id="budget"
          name="budget"
          type="number"
          min={0}
          step="any"
          placeholder="No limit"
          defaultValue={policy.monthlyBudgetUsd ?? ''}
          disabled={!canManage}
          className="max-w-48"
          data-testid="policy-budget"
          {...fieldAria('budget-error', errors.fields.monthlyBudgetUsd)}
        />
        <FieldMessage id="budget-error" message={errors.fields.monthlyBudgetUsd} />
      </div>
      <div className="space-y-2">
        <Label htmlFor="allowlist">Model allowlist</Label>
        <Textarea
          id="allowlist"
          name="allowlist"
          rows={3}
          placeholder={'Any model\n(one provider/model per line, e.g. openai/gpt-4o-mini)'}
          defaultValue={policy.modelAllowlist?.join('\n') ?? ''}
          disabled={!canManage}
          className="font-mono text-sm"
          data-testid="policy-allowlist"
          {...fieldAria('allowlist-error', errors.fields.modelAllowlist)}
        />
        <FieldMessage id="allowlist-error" message={errors.fields.modelAllowlist} />
      </div>
      {canManage ? (
        <Button type="submit" disabled={update.isPending} data-testid="policy-save">{update.isPending && <Spinner />} Save policies</Button>
      ) : (
        <p className="text-xs text-muted-foreground">Only workspace owners and admins can change these.</p>
      )}
    </form>
  );
}
