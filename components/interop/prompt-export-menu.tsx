'use client';

import { DownloadIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';

const exportHref = (promptId: string, query: string) => `/api/v1/prompts/${encodeURIComponent(promptId)}/export?${query}`;

/** Downloads of one prompt: the importable JSON bundle (optionally with its runs) or a Markdown document. */
export function PromptExportMenu({ promptId }: { promptId: string }) {
  const items = [
    { query: 'format=json', label: 'JSON (all versions, labels, deployments)', testId: 'export-prompt-json' },
    { query: 'format=json&runs=true', label: 'JSON with its newest 1,000 runs', testId: 'export-prompt-runs' },
    { query: 'format=markdown', label: 'Markdown', testId: 'export-prompt-markdown' },
  ];
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" data-testid="export-prompt">
          <DownloadIcon aria-hidden="true" />
          Export
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {items.map((item) => (
          <DropdownMenuItem key={item.query} asChild>
            <a href={exportHref(promptId, item.query)} download data-testid={item.testId}>
              {item.label}
            </a>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
