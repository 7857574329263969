// GET /api/health – liveness: the process answers. Needs no database and no sign-in.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ data: { status: 'ok' }, error: null });
}
