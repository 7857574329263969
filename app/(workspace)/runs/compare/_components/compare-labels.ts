import { prettyJson } from '@/components/runs/run-format';
import type { Run } from '@/lib/client/types';

/** "Run 2", the name a run goes by on the compare page (its position in the link). */
export const runName = (index: number) => `Run ${index + 1}`;

/** The text compared between runs: structured output indented, so a diff marks values rather than one long line. */
export function comparedOutput(run: Run): string {
  const output = run.output ?? '';
  return run.outputCheck ? prettyJson(output) : output;
}
