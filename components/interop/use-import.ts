import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '@/lib/client/api';
import type { importReportSchema } from '@/lib/interop/schemas';
import type { ImportFormat } from '@/lib/interop/source';
import { contentTypeOf } from './detect-format';

export type ImportReport = z.infer<typeof importReportSchema>;
export type ImportRequest = { file: File; format: ImportFormat; dryRun: boolean };

const importPath = ({ format, dryRun, file }: ImportRequest) => {
  const params = new URLSearchParams({ format, dryRun: String(dryRun) });
  // An OpenAI eval file names no dataset: the file name does.
  if (format === 'openai') params.set('name', file.name.replace(/\.(jsonl|ndjson|json)$/i, '').slice(0, 200) || 'OpenAI eval samples');
  return `/api/v1/import?${params}`;
};

/** POST /api/v1/import: the preview (dryRun) and the import itself; a real import refreshes prompts, tags and datasets. */
export function useImportFile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      apiFetch<ImportReport>(importPath(request), { method: 'POST', raw: { body: request.file, contentType: contentTypeOf(request.file.name) } }),
    onSuccess: (report) => {
      if (report.dryRun) return;
      for (const key of ['/api/v1/prompts', '/api/v1/tags', '/api/v1/datasets']) void client.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** POST /api/v1/experiments with the report's ready body (a promptfoo import). */
export function useRunImportedExperiment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NonNullable<ImportReport['experiment']>) => apiFetch<{ id: string }>('/api/v1/experiments', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['/api/v1/experiments'] }),
  });
}
