'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { FlaskConical } from 'lucide-react';
import { experimentPath } from '@/components/experiments/experiment-paths';
import { NativeSelect } from '@/components/prompts/native-select';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { FileDropZone } from '@/components/ui/file-drop-zone';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/client/api';
import { IMPORT_FORMATS, type ImportFormat } from '@/lib/interop/source';
import { detectFormat, FORMAT_LABELS } from './detect-format';
import { ImportReportView } from './import-report-view';
import { useImportFile, useRunImportedExperiment, type ImportReport } from './use-import';

// The server's cap is 5 MB (20 MB for a bundle); the browser reads only the start to guess the format.
const SNIFF_BYTES = 8192;

type Props = { open: boolean; onOpenChange: (open: boolean) => void };

/**
 * Import prompts and datasets from a PromptLab bundle, a promptfoo config, Langfuse or OpenAI: pick a file, read the
 * preview the server plans (nothing written yet), then import exactly that.
 */
export function ImportDialog({ open, onOpenChange }: Props) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('promptlab');
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const previewing = useImportFile();
  const importing = useImportFile();
  const launch = useRunImportedExperiment();

  function reset() {
    setFile(null);
    setPreview(null);
    setDone(null);
    previewing.reset();
    importing.reset();
    launch.reset();
  }

  function runPreview(next: File, nextFormat: ImportFormat) {
    setPreview(null);
    previewing.mutate({ file: next, format: nextFormat, dryRun: true }, { onSuccess: setPreview });
  }

  async function pick(picked: File | undefined) {
    if (!picked) return;
    reset();
    const guessed = detectFormat(picked.name, await picked.slice(0, SNIFF_BYTES).text());
    setFile(picked);
    setFormat(guessed);
    runPreview(picked, guessed);
  }

  function changeFormat(next: ImportFormat) {
    setFormat(next);
    if (file) runPreview(file, next);
  }

  function submit() {
    if (!file) return;
    importing.mutate(
      { file, format, dryRun: false },
      {
        onSuccess: (report) => {
          setDone(report);
          toast({ title: `Imported ${file.name}`, variant: 'success' });
        },
      },
    );
  }

  function runExperiment(body: NonNullable<ImportReport['experiment']>) {
    launch.mutate(body, {
      onSuccess: ({ id }) => {
        onOpenChange(false);
        router.push(experimentPath(id));
      },
    });
  }

  const error = previewing.error ?? importing.error ?? launch.error;
  const firstPrompt = done?.prompts.length === 1 ? done.prompts[0] : undefined;

  return (
    <Dialog open={open} onOpenChange={(next) => { if (!next) reset(); onOpenChange(next); }}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl" data-testid="interop-import-dialog">
        <DialogHeader>
          <DialogTitle>Import prompts and datasets</DialogTitle>
          <DialogDescription>
            A PromptLab bundle, a promptfoo config, Langfuse prompts (as its API returns them), or OpenAI prompts and evals (JSON Lines).
            You see what will be created before anything is written.
          </DialogDescription>
        </DialogHeader>

        {!done && (
          <div className="grid min-w-0 gap-4">
            <FileDropZone
              accept=".json,.jsonl,.ndjson,.yaml,.yml,application/json,application/x-ndjson,application/yaml"
              onPick={(picked) => void pick(picked)}
              inputTestId="interop-file-input"
            >
              {file ? (
                <span><span className="font-medium break-all">{file.name}</span> · <span className="whitespace-nowrap">choose another</span></span>
              ) : (
                <span><span className="font-medium text-primary">Choose a file</span> or drop it here <span className="text-muted-foreground">(YAML, JSON or JSONL, up to 5 MB; bundles up to 20 MB)</span></span>
              )}
            </FileDropZone>

            {file && (
              <div className="grid gap-2 sm:max-w-xs">
                <Label htmlFor="interop-format">Format</Label>
                <NativeSelect id="interop-format" value={format} onChange={(e) => changeFormat(e.target.value as ImportFormat)} data-testid="interop-format">
                  {IMPORT_FORMATS.map((f) => (
                    <option key={f} value={f}>{FORMAT_LABELS[f]}</option>
                  ))}
                </NativeSelect>
              </div>
            )}

            {previewing.isPending && (
              <p className="flex items-center gap-2 text-sm text-muted-foreground"><Spinner /> Reading the file…</p>
            )}
            {preview && (
              <div className="grid gap-2">
                <h3 className="text-sm font-semibold">Preview</h3>
                <ImportReportView report={preview} />
              </div>
            )}
          </div>
        )}

        {done && <ImportReportView report={done} />}

        {error && (
          <Alert variant="destructive" data-testid="interop-error">
            <AlertDescription>{errorMessage(error)}</AlertDescription>
          </Alert>
        )}

        <DialogFooter>
          {done ? (
            <>
              {firstPrompt?.id && (
                <Button variant="outline" onClick={() => { onOpenChange(false); router.push(`/prompts/${firstPrompt.id}`); }}>Open {firstPrompt.slug}</Button>
              )}
              {done.experiment && (
                <Button variant="outline" onClick={() => runExperiment(done.experiment!)} disabled={launch.isPending} data-testid="interop-run-experiment">
                  {launch.isPending ? <Spinner /> : <FlaskConical aria-hidden />} Run as experiment
                </Button>
              )}
              <Button onClick={() => { reset(); onOpenChange(false); }} data-testid="interop-done">Done</Button>
            </>
          ) : (
            <>
              <Button variant="outline" onClick={() => onOpenChange(false)}>Cancel</Button>
              <Button onClick={submit} disabled={!preview || importing.isPending} data-testid="interop-import">
                {importing.isPending && <Spinner />} Import
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
