'use client';

import { useState } from 'react';
import { Plus, Tag, Trash2 } from 'lucide-react';
import { useAvailableProviders } from '@/components/providers/use-providers';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { fieldAria, FieldMessage } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import type { ModelPrice } from '@/lib/client/dataset-types';
import { formErrors, plainMessage } from '@/lib/client/field-errors';
import { useAddModelPrice, useDeleteModelPrice, useModelPrices } from './use-model-prices';

const FIELDS = ['provider', 'model', 'effectiveFrom', 'inputPerMTok', 'outputPerMTok', 'cachedInputPerMTok', 'cacheWritePerMTok', 'cacheWrite1hPerMTok'] as const;
const money = (n: number | null) => (n === null ? '—' : `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`);
const day = (iso: string) => (iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : new Date(iso).toLocaleString());

export function ModelPrices({ canManage }: { canManage: boolean }) {
  const prices = useModelPrices();
  const remove = useDeleteModelPrice();

  function removeRow(row: ModelPrice) {
    remove.mutate(row.id, {
      onSuccess: () => toast({ id: `price:${row.id}`, title: `Removed the price of ${row.model}`, variant: 'success' }),
      onError: (error) => toast({ id: `price:${row.id}`, title: 'Could not remove the price', description: plainMessage(errorMessage(error)), variant: 'error' }),
    });
  }

  return (
    <Card id="model-prices" className="scroll-mt-20" data-testid="model-prices">
      <CardHeader>
        <CardTitle>Model prices</CardTitle>
        <CardDescription>
          Your own prices per million tokens, for custom endpoints and self-hosted models (their cost is otherwise unknown) or to override the built-in table. Runs created from the effective date on use them, and budgets count them.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        {prices.isError && <Alert variant="destructive"><AlertDescription>{plainMessage(errorMessage(prices.error))}</AlertDescription></Alert>}
        {prices.isPending && <Skeleton className="h-20" />}
        {prices.data && prices.data.items.length === 0 && (
          <EmptyState icon={<Tag />} title="No prices of your own" titleAs="p" description="Every model uses the built-in price table; models missing from it cost “unknown”." className="py-8" />
        )}
        {prices.data && prices.data.items.length > 0 && (
          <div className="overflow-x-auto rounded-lg border">
            <table className="w-full text-sm">
              <thead className="bg-muted/50 text-xs text-muted-foreground">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-medium">Model</th>
                  <th scope="col" className="px-3 py-2 text-left font-medium">From</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Input</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Output</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Cached read</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Cache write</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">1-hour write</th>
                  {canManage && <th scope="col"><span className="sr-only">Actions</span></th>}
                </tr>
              </thead>
              <tbody className="divide-y">
                {prices.data.items.map((row) => (
                  <tr key={row.id} data-testid="price-row">
                    <td className="max-w-56 px-3 py-2"><span className="text-muted-foreground">{row.provider} / </span><span className="font-mono break-all">{row.model}</span></td>
                    <td className="px-3 py-2 whitespace-nowrap">{day(row.effectiveFrom)}</td>
                    <td className="px-3 py-2 text-right font-mono tabular-nums">{money(row.inputPerMTok)}</td>
                    <td className="px-3 py-2 text-right font-mono tabular-nums">{money(row.outputPerMTok)}</td>
                    <td className="px-3 py-2 text-right font-mono tabular-nums">{money(row.cachedInputPerMTok)}</td>
                    <td className="px-3 py-2 text-right font-mono tabular-nums">{money(row.cacheWritePerMTok)}</td>
                    <td className="px-3 py-2 text-right font-mono tabular-nums">{money(row.cacheWrite1hPerMTok)}</td>
                    {canManage && (
                      <td className="px-2 py-1 text-right">
                        <Button variant="ghost" size="icon-sm" aria-label={`Remove the price of ${row.model} from ${day(row.effectiveFrom)}`} onClick={() => removeRow(row)} data-testid="price-delete">
                          <Trash2 aria-hidden />
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canManage ? <PriceForm /> : <p className="text-xs text-muted-foreground">Only workspace owners and admins can change prices.</p>}
      </CardContent>
    </Card>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const optionalNumber = (value: FormDataEntryValue | null) => (String(value ?? '').trim() === '' ? null : Number(value));

function PriceForm() {
  const add = useAddModelPrice();
  const { providers } = useAvailableProviders();
  const [provider, setProvider] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const server = formErrors(add.error, FIELDS);
  const fields: Record<string, string | undefined> = { ...server.fields, ...missing };
  const models = providers.find((p) => p.id === provider)?.models ?? [];

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const required: Record<string, string> = {};
    for (const name of ['provider', 'model', 'effectiveFrom', 'inputPerMTok', 'outputPerMTok'] as const) {
      if (String(form.get(name) ?? '').trim() === '') required[name] = 'Required';
    }
    setMissing(required);
    if (Object.keys(required).length > 0) return;
    add.mutate(
      {
        provider: String(form.get('provider')).trim(),
        model: String(form.get('model')).trim(),
        effectiveFrom: String(form.get('effectiveFrom')),
        inputPerMTok: Number(form.get('inputPerMTok')),
        outputPerMTok: Number(form.get('outputPerMTok')),
        cachedInputPerMTok: optionalNumber(form.get('cachedInputPerMTok')),
        cacheWritePerMTok: optionalNumber(form.get('cacheWritePerMTok')),
        cacheWrite1hPerMTok: optionalNumber(form.get('cacheWrite1hPerMTok')),
      },
      {
        onSuccess: (price) => {
          toast({ title: `Price saved for ${price.model}`, variant: 'success' });
          formEl.reset();
          setProvider('');
        },
      },
    );
  }

  const field = (name: (typeof FIELDS)[number], label: string, input: React.ReactNode) => (
    <div className="grid content-start gap-1.5">
      <Label htmlFor={`price-${name}`} className="text-xs">{label}</Label>
      {input}
      <FieldMessage id={`price-${name}-error`} message={fields[name]} />
    </div>
  );
  const numberInput = (name: (typeof FIELDS)[number], placeholder: string) => (
    <Input id={`price-${name}`} name={name} type="number" min={0} step="any" inputMode="decimal" placeholder={placeholder} className="font-mono" data-testid={`price-${name}`} {...fieldAria(`price-${name}-error`, fields[name])} />
  );

  return (
    <form onSubmit={submit} className="grid gap-4 rounded-lg border border-dashed p-4" noValidate aria-label="Add a price">
      <p className="text-sm font-medium">Add a price <span className="font-normal text-muted-foreground">(USD per 1M tokens)</span></p>
      {server.form && <Alert variant="destructive"><AlertDescription data-testid="price-error">{server.form}</AlertDescription></Alert>}
      <div className="grid gap-3 sm:grid-cols-[1fr_1.5fr_10rem]">
        {field('provider', 'Provider', (
          <>
            <Input id="price-provider" name="provider" list="price-providers" placeholder="openai" value={provider} onChange={(e) => setProvider(e.target.value)} autoComplete="off" data-testid="price-provider" {...fieldAria('price-provider-error', fields.provider)} />
            <datalist id="price-providers">{providers.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}</datalist>
          </>
        ))}
        {field('model', 'Model', (
          <>
            <Input id="price-model" name="model" list="price-models" placeholder="llama3.1:8b" autoComplete="off" className="font-mono" data-testid="price-model" {...fieldAria('price-model-error', fields.model)} />
            <datalist id="price-models">{models.map((m) => <option key={m} value={m} />)}</datalist>
          </>
        ))}
        {field('effectiveFrom', 'Effective from', (
          <Input id="price-effectiveFrom" name="effectiveFrom" type="date" defaultValue={today()} data-testid="price-effectiveFrom" {...fieldAria('price-effectiveFrom-error', fields.effectiveFrom)} />
        ))}
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {field('inputPerMTok', 'Input', numberInput('inputPerMTok', '0.50'))}
        {field('outputPerMTok', 'Output', numberInput('outputPerMTok', '1.50'))}
        {field('cachedInputPerMTok', 'Cached read', numberInput('cachedInputPerMTok', 'optional'))}
        {field('cacheWritePerMTok', 'Cache write', numberInput('cacheWritePerMTok', 'optional'))}
        {field('cacheWrite1hPerMTok', '1-hour write', numberInput('cacheWrite1hPerMTok', 'optional'))}
      </div>
      <div>
        <Button type="submit" size="sm" disabled={add.isPending} data-testid="price-add">
          {add.isPending ? <Spinner /> : <Plus aria-hidden />} Add price
        </Button>
      </div>
    </form>
  );
}
