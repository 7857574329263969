import { NextRequest } from 'next/server';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';
import { HTTP_METHODS, listAppRoutes, type AppRouteFile } from './app-routes';
import { startRouteServer, type Route } from './route-server';
import { pipelineSettings } from './runs-harness';

type RouteModule = Partial<Record<(typeof HTTP_METHODS)[number], (req: NextRequest, ctx: { params: Promise<unknown> }) => Promise<Response>>>;

const decode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Params as Next.js passes them: decoded, catch-alls as arrays of segments. */
function nextParams(route: AppRouteFile, groups: Record<string, string>) {
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(groups)) {
    if (value === undefined) continue;
    params[name] = route.catchAll.includes(name) ? value.split('/').map(decode) : decode(value);
  }
  return params;
}

/**
 * Every app/api route handler as a `Route` for startRouteServer. Modules load on their first request (after the
 * settings are in place); a path whose file lacks the method answers 405 with `Allow`, HEAD falls back to GET.
 */
export function appRoutes(files: AppRouteFile[] = listAppRoutes()): Route[] {
  const modules = new Map<string, Promise<RouteModule>>();
  const load = (file: string) => {
    let mod = modules.get(file);
    if (!mod) {
      mod = import(/* @vite-ignore */ file) as Promise<RouteModule>;
      modules.set(file, mod);
    }
    return mod;
  };
  return files.flatMap((route) =>
    HTTP_METHODS.map((method) => ({
      method,
      pattern: route.pattern,
      handler: async (req: Request, ctx: { params: Promise<Record<string, string>> }) => {
        const mod = await load(route.file);
        const params = Promise.resolve(nextParams(route, await ctx.params));
        const own = mod[method];
        if (own) return own(new NextRequest(req), { params });
        if (method === 'HEAD' && mod.GET) {
          const res = await mod.GET(new NextRequest(req), { params });
          await res.body?.cancel();
          return new Response(null, { status: res.status, headers: res.headers });
        }
        const allow = HTTP_METHODS.filter((m) => mod[m] || (m === 'HEAD' && mod.GET)).join(', ');
        return new Response(null, { status: method === 'OPTIONS' ? 204 : 405, headers: { allow } });
      },
    })),
  );
}

export type AppServer = {
  /** `http://127.0.0.1:<port>`, also APP_URL, so callbacks and same-origin checks use it. */
  url: string;
  llm: FakeLlm;
  /** Every request served, as `METHOD /path`. */
  requests: string[];
  close(): Promise<void>;
};

/**
 * The whole app's API over real HTTP in this process (what `next start` serves under /api): every route handler,
 * the local dispatcher's callbacks, the fake provider at the network edge (OPENAI_/ANTHROPIC_ settings point at it).
 * Call it FIRST in `beforeAll`, before anything reads the settings (createTestUser, db, imports of product
 * modules that call env()): the settings are read once per process.
 */
export async function startAppServer(settings: Record<string, string> = {}): Promise<AppServer> {
  const llm = await startFakeLlmServer();
  const server = await startRouteServer(appRoutes());
  Object.assign(process.env, pipelineSettings(server.url, llm), settings);
  const { env } = await import('@/lib/env');
  if (env().appUrl !== server.url) {
    await Promise.all([server.close(), llm.close()]);
    throw new Error(`startAppServer: the settings were read before it ran (APP_URL is ${env().appUrl ?? 'unset'}): call it first in beforeAll`);
  }
  return {
    url: server.url,
    llm,
    requests: server.requests,
    close: async () => {
      await Promise.all([server.close(), llm.close()]);
    },
  };
}
