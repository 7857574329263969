import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/auth';
import { onPublicOrigin } from '@/lib/auth/public-origin';

export const GET = (req: NextRequest) => handlers.GET(onPublicOrigin(req));
export const POST = (req: NextRequest) => handlers.POST(onPublicOrigin(req));
