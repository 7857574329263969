// Maps a position in the production build's minified server chunks back to the original file, line and function
// name, using the source maps Turbopack writes beside each chunk (with their embedded sources).
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

type Chunk = { map: SourceMap; sources: Map<string, string[]> } | null;
type Entry = { originalSource?: string; originalLine?: number; originalColumn?: number; name?: string };

const chunks = new Map<string, Chunk>();

function chunkFor(url: string): Chunk {
  if (!chunks.has(url)) {
    const file = url.startsWith('file://') ? new URL(url).pathname : url;
    let chunk: Chunk = null;
    try {
      const payload = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'));
      const sources = new Map<string, string[]>();
      const flat = payload.sections ? payload.sections.map((s: { map: unknown }) => s.map) : [payload];
      for (const part of flat as Array<{ sources?: string[]; sourcesContent?: Array<string | null> }>) {
        part.sources?.forEach((source, i) => {
          const content = part.sourcesContent?.[i];
          if (content) sources.set(source, content.split('\n'));
        });
      }
      chunk = { map: new SourceMap(payload), sources };
    } catch {
      // No map (Node core, externals, the precompiled Next runtime): keep the generated position.
    }
    chunks.set(url, chunk);
  }
  return chunks.get(url)!;
}

/** The name a function was declared with, read from its original source line at the mapped column. */
function declaredName(text: string, column: number): string | undefined {
  const after = text.slice(column);
  const before = text.slice(0, column);
  return (
    /^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([\w$]+)/.exec(after)?.[1] ??
    /^(?:(?:static|get|set|async)\s+)*(?!async\b|function\b)([\w$]+)\s*(?:<[^>]*>)?\(/.exec(after)?.[1] ??
    /([\w$]+)\s*[:=]\s*(?:async\s*)?(?:function\s*)?$/.exec(before)?.[1] ??
    // export const POST = withWorkspace(async (…) => …): name the callback after the export.
    /([\w$]+)\s*=\s*[\w$.]+(?:<[^>]*>)?\(\s*$/.exec(before)?.[1]
  );
}

export type OriginalFrame = { file: string; line: number; name?: string };

/** The original file (project-relative, or node_modules/<package>/…), 0-based line and declared name, if mapped. */
export function originalFrame(url: string, line: number, column: number): OriginalFrame | null {
  const chunk = url.includes('/.next/') ? chunkFor(url) : null;
  const entry = chunk?.map.findEntry(line, column) as Entry | undefined;
  if (!chunk || !entry?.originalSource) return null;
  // Sources are relative to the chunk: ../../../lib/x.ts → lib/x.ts; node_modules keep their package path.
  let file = path.normalize(decodeURIComponent(entry.originalSource)).replace(/^(\.\.\/)+/, '').replace(/^.*?\/node_modules\//, 'node_modules/');
  // drizzle-orm publishes maps with sources at ../src, which resolve to node_modules/src/: put them back in the package.
  file = file.replace(/^node_modules\/src\//, 'node_modules/drizzle-orm/src/');
  const originalLine = entry.originalLine ?? line;
  const text = chunk.sources.get(entry.originalSource)?.[originalLine];
  // The declaration in the source says more than the map's `name`, which belongs to the nearest mapped token.
  const name = (text === undefined ? undefined : declaredName(text, entry.originalColumn ?? 0)) ?? entry.name;
  return { file, line: originalLine, name };
}
