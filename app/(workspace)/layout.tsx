import { headers } from 'next/headers';
import { AppShell } from '@/components/shell/app-shell';
import { requirePageCaller } from '@/lib/auth/page-caller';
import { QueryProvider } from './_components/query-provider';

export default async function WorkspaceLayout({ children }: { children: React.ReactNode }) {
  const path = (await headers()).get('x-pathname') ?? '/prompts';
  const caller = await requirePageCaller(path);
  return (
    <AppShell user={caller.user} workspace={{ name: caller.workspace.name, role: caller.workspace.role }}>
      <QueryProvider>{children}</QueryProvider>
    </AppShell>
  );
}
