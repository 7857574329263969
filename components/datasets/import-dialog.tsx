'use client';

import { useMemo, useState } from 'react';
import { useRouter } from 'next/navigation';
import { TriangleAlert } from 'lucide-react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { FileDropZone } from '@/components/ui/file-drop-zone';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { ApiClientError, errorMessage } from '@/lib/client/api';
import type { ImportMode } from '@/lib/client/dataset-types';
import { plainMessage } from '@/lib/client/field-errors';
import { formatCount } from '@/lib/client/format';
import { MAX_DATASET_BODY_BYTES, MAX_DATASET_NAME } from '@/lib/datasets/schemas';
import { checkMapping, PREVIEW_ROWS, readImportFile, type ParsedFile } from './import-file';
import { blankNames, defaultTargets, inputCount, mappingParams, type TargetMap } from './import-mapping';
import { ImportMappingTable, ImportPreviewTable } from './import-mapping-table';
import { useCreateDataset, useDeleteDataset, useImportDataset } from './use-datasets';

type RowProblem = { row: number; column: string | null; message: string };

type Props = { datasetId?: string; open: boolean; onOpenChange: (open: boolean) => void };

type Picked = { file: File; parsed: ParsedFile };

const nameFromFile = (fileName: string) => fileName.replace(/\.(csv|tsv|jsonl|ndjson|json)$/i, '').slice(0, MAX_DATASET_NAME) || 'Imported dataset';

/** The server's 422 fields (`rows.<n>.<column>`) as row problems. */
function serverProblems(error: unknown): RowProblem[] {
  if (!(error instanceof ApiClientError)) return [];
  return error.fields.map((f) => {
    const match = /^rows\.(\d+)(?:\.(.+))?$/.exec(f.path);
    return { row: match ? Number(match[1]) : 0, column: match?.[2] ?? null, message: plainMessage(f.message) };
  });
}

/**
 * Import a CSV, JSONL or JSON file: a preview of its first rows and a column mapping, parsed in the browser, then
 * the file itself goes to the server. Without `datasetId` it creates a dataset named after the file.
 */
export function ImportDialog({ datasetId, open, onOpenChange }: Props) {
  const router = useRouter();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<TargetMap>({});
  const [mode, setMode] = useState<ImportMode>('append');
  const [name, setName] = useState('');
  const create = useCreateDataset();
  const importFile = useImportDataset();
  const removeDataset = useDeleteDataset();
  const [creatingError, setCreatingError] = useState<unknown>(null);

  const columns = useMemo(() => picked?.parsed.headers ?? [], [picked]);
  // The server's own checks on every row, re-run when the mapping changes (a 10,000-row file takes milliseconds).
  const check = useMemo(() => (picked ? checkMapping(picked.parsed, mapping) : null), [picked, mapping]);
  const problems = useMemo(() => ({ ...blankNames(columns, mapping), ...check?.columnErrors }), [columns, mapping, check]);
  const serverRows = serverProblems(importFile.error);
  const rowProblems: RowProblem[] = serverRows.length ? serverRows : (check?.rowErrors ?? []);
  const pending = create.isPending || importFile.isPending;
  const noInputs = columns.length > 0 && inputCount(columns, mapping) === 0;
  const rowCount = picked?.parsed.rows.length ?? 0;
  const blocked = !check || check.itemCount === 0 || Object.keys(problems).length > 0 || noInputs || (!datasetId && !name.trim());

  function reset() {
    setPicked(null);
    setReadError(null);
    setMapping({});
    setMode('append');
    setName('');
    setCreatingError(null);
    importFile.reset();
    create.reset();
  }

  async function pick(file: File | undefined) {
    if (!file) return;
    importFile.reset();
    setCreatingError(null);
    if (file.size > MAX_DATASET_BODY_BYTES) {
      setPicked(null);
      setReadError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; files up to ${MAX_DATASET_BODY_BYTES / 1024 / 1024} MB can be imported.`);
      return;
    }
    try {
      const parsed = readImportFile(file.name, await file.text());
      setReadError(null);
      setPicked({ file, parsed });
      setMapping(defaultTargets(parsed.headers));
      if (!datasetId) setName(nameFromFile(file.name));
    } catch (error) {
      setPicked(null);
      setReadError(`Could not read ${file.name}: ${errorMessage(error)}`);
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!picked || blocked) return;
    setCreatingError(null);
    let targetId = datasetId;
    if (!targetId) {
      try {
        targetId = (await create.mutateAsync({ name: name.trim() })).id;
      } catch (error) {
        setCreatingError(error);
        return;
      }
    }
    const created = !datasetId;
    importFile.mutate(
      { datasetId: targetId, file: picked.file, contentType: picked.parsed.contentType, mode, map: mappingParams(columns, mapping) },
      {
        onSuccess: ({ count, dataset }) => {
          toast({ title: `Imported ${formatCount(count)} ${count === 1 ? 'item' : 'items'}`, description: `into ${dataset.name}`, variant: 'success' });
          onOpenChange(false);
          reset();
          if (created) router.push(`/datasets/${dataset.id}`);
        },
        // Nothing was imported: the dataset made for this file goes too, so a retry starts clean.
        onError: () => {
          if (created) removeDataset.mutate(targetId);
        },
      },
    );
  }

  const formError = creatingError ?? (importFile.error && serverRows.length === 0 ? importFile.error : null);

  return (
    <Dialog open={open} onOpenChange={(next) => { if (!next && !pending) reset(); onOpenChange(next); }}>
      <DialogContent className="max-h-[92dvh] overflow-y-auto sm:max-w-3xl" data-testid="import-dialog">
        <DialogHeader>
          <DialogTitle>{datasetId ? 'Import items' : 'Import a dataset'}</DialogTitle>
          <DialogDescription>
            CSV with a header row, JSONL, or a JSON array. Columns become input variables; <code className="font-mono">expected</code> and{' '}
            <code className="font-mono">metadata.*</code> columns are recognised.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid min-w-0 gap-4" noValidate>
          <FileDropZone
            accept=".csv,.tsv,.jsonl,.ndjson,.json,text/csv,application/json,application/x-ndjson"
            onPick={(file) => void pick(file)}
            inputTestId="import-file-input"
          >
            {picked ? (
              <span><span className="font-medium">{picked.file.name}</span> · {picked.parsed.format.toUpperCase()} · {formatCount(rowCount)} {rowCount === 1 ? 'row' : 'rows'} · choose another</span>
            ) : (
              <span><span className="font-medium text-primary">Choose a file</span> or drop it here <span className="text-muted-foreground">(up to 20 MB)</span></span>
            )}
          </FileDropZone>

          {readError && <Alert variant="destructive"><AlertDescription>{readError}</AlertDescription></Alert>}

          {picked && (
            <>
              {!datasetId && (
                <div className="grid gap-2">
                  <Label htmlFor="import-name">Dataset name</Label>
                  <Input id="import-name" value={name} maxLength={MAX_DATASET_NAME} onChange={(e) => setName(e.target.value)} data-testid="import-name" />
                </div>
              )}
              {columns.length > 0 && (
                <ImportMappingTable columns={columns} mapping={mapping} problems={problems} disabled={pending} onChange={(column, target) => setMapping((m) => ({ ...m, [column]: target }))} />
              )}
              {noInputs && <p className="text-sm text-destructive">Map at least one column to an input variable.</p>}
              {picked.parsed.preview.length > 0 && (
                <div className="grid min-w-0 gap-1.5">
                  <p className="text-xs text-muted-foreground">
                    Preview: {rowCount > PREVIEW_ROWS ? `the first ${PREVIEW_ROWS} of ${formatCount(rowCount)} rows` : `all ${formatCount(rowCount)} ${rowCount === 1 ? 'row' : 'rows'}`}
                  </p>
                  <ImportPreviewTable file={picked.parsed} mapping={mapping} />
                </div>
              )}
              {datasetId && (
                <fieldset className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
                  <legend className="sr-only">Existing items</legend>
                  <label className="flex items-center gap-2">
                    <input type="radio" name="mode" className="accent-primary" checked={mode === 'append'} onChange={() => setMode('append')} data-testid="import-mode-append" />
                    Add to the existing items
                  </label>
                  <label className="flex items-center gap-2">
                    <input type="radio" name="mode" className="accent-primary" checked={mode === 'replace'} onChange={() => setMode('replace')} data-testid="import-mode-replace" />
                    Replace all items
                  </label>
                  {mode === 'replace' && (
                    <p className="basis-full text-xs text-muted-foreground" data-testid="import-replace-note">
                      Every item now in the dataset is removed, in the same step as the import. Experiments keep their own copy.
                    </p>
                  )}
                </fieldset>
              )}
            </>
          )}

          {rowProblems.length > 0 && (
            <Alert variant="destructive" data-testid="import-errors">
              <TriangleAlert aria-hidden />
              <AlertTitle>{importFile.error ? 'Nothing was imported: fix these rows' : 'These rows cannot be imported'}</AlertTitle>
              <AlertDescription>
                <ul className="max-h-40 list-none space-y-0.5 overflow-y-auto font-mono text-xs">
                  {rowProblems.slice(0, 50).map((p, i) => (
                    <li key={i}>{plainMessage(p.message)}</li>
                  ))}
                </ul>
              </AlertDescription>
            </Alert>
          )}
          {formError ? <Alert variant="destructive"><AlertDescription data-testid="import-error">{plainMessage(errorMessage(formError))}</AlertDescription></Alert> : null}

          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)} disabled={pending}>Cancel</Button>
            <Button type="submit" disabled={blocked || pending} data-testid="import-submit">
              {pending && <Spinner />}
              {pending ? 'Importing…' : check?.itemCount ? `Import ${formatCount(check.itemCount)} ${check.itemCount === 1 ? 'item' : 'items'}` : 'Import'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
