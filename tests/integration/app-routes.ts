import { readdirSync } from 'node:fs';
import path from 'node:path';

/** One app/api route.ts file, with its URL template and a matcher whose named groups are the params. */
export type AppRouteFile = {
  /** Absolute path of the route.ts file. */
  file: string;
  /** The URL as Next.js writes it: `/api/v1/prompts/[id]/versions/[number]`. */
  template: string;
  /** The same with OpenAPI params: `/api/v1/prompts/{id}/versions/{number}` (catch-alls as `{name}` too). */
  openApiPath: string;
  pattern: RegExp;
  /** Params that are catch-alls (`[...name]`): Next.js passes them as arrays of segments. */
  catchAll: string[];
  /** Per segment: 0 static, 1 dynamic, 2 catch-all. Lower sorts first, as Next.js matches. */
  rank: number[];
};

const appDir = path.resolve(import.meta.dirname, '../../app');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function toRoute(file: string, segments: string[]): AppRouteFile {
  const urlSegments = segments.filter((s) => !(s.startsWith('(') && s.endsWith(')'))); // route groups are not in the URL
  const catchAll: string[] = [];
  const rank: number[] = [];
  let source = '';
  for (const segment of urlSegments) {
    const optional = /^\[\[\.\.\.(\w+)\]\]$/.exec(segment);
    const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
    const dynamic = /^\[(\w+)\]$/.exec(segment);
    if (optional) {
      catchAll.push(optional[1]!);
      rank.push(3);
      source += `(?:/(?<${optional[1]}>.+))?`;
    } else if (rest) {
      catchAll.push(rest[1]!);
      rank.push(2);
      source += `/(?<${rest[1]}>.+)`;
    } else if (dynamic) {
      rank.push(1);
      source += `/(?<${dynamic[1]}>[^/]+)`;
    } else {
      rank.push(0);
      source += `/${escape(segment)}`;
    }
  }
  const template = `/${urlSegments.join('/')}`;
  const openApiPath = template.replace(/\[\[?(?:\.\.\.)?(\w+)\]?\]/g, '{$1}');
  return { file, template, openApiPath, pattern: new RegExp(`^${source}/?$`), catchAll, rank };
}

function compareRank(a: AppRouteFile, b: AppRouteFile): number {
  for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
    const x = a.rank[i];
    const y = b.rank[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x !== y) return x - y;
  }
  return 0;
}

/**
 * Every route.ts under `dir` (default app/api; URLs are relative to app/), most specific first (static segments before dynamic ones,
 * so `/prompts/sample` wins over `/prompts/[id]`), skipping private `_folders`.
 */
export function listAppRoutes(dir = path.join(appDir, 'api')): AppRouteFile[] {
  const routes: AppRouteFile[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('_')) walk(full);
      else if (entry.isFile() && /^route\.(ts|tsx|js)$/.test(entry.name)) {
        routes.push(toRoute(full, path.relative(appDir, current).split(path.sep)));
      }
    }
  };
  walk(dir);
  return routes.sort(compareRank);
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
