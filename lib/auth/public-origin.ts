import { env } from '../env';

/** The origin people reach the app at: APP_URL when set, else what the proxy or browser says. */
export function publicOrigin(req: Request): string {
  const configured = env().appUrl;
  if (configured) return new URL(configured).origin;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  if (!host) return new URL(req.url).origin;
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? new URL(req.url).protocol.replace(':', '');
  return `${proto}://${host}`;
}
