import Link from 'next/link';
import { FlaskConical } from 'lucide-react';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { MobileMenu } from './mobile-menu';
import { NavLinks } from './nav-links';
import { ShortcutSheet } from './shortcut-sheet';
import { UserMenu } from './user-menu';

type Props = {
  user: { email: string | null; name: string | null };
  workspace: { name: string; role: string };
  children: React.ReactNode;
};

export function AppShell({ user, workspace, children }: Props) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
        <div className="mx-auto flex h-14 max-w-[90rem] items-center gap-2 px-4 sm:gap-4 sm:px-6">
          <Link href="/prompts" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
            <span className="flex size-7 items-center justify-center rounded-lg bg-primary text-primary-foreground">
              <FlaskConical className="size-4" aria-hidden />
            </span>
            <span>PromptLab</span>
          </Link>
          <span className="hidden truncate text-sm text-muted-foreground lg:inline" data-testid="workspace-name">
            {workspace.name}
          </span>
          {/* Below sm the navigation and the account collapse into one menu; the theme toggle stays. */}
          <NavLinks className="hidden sm:flex" />
          <div className="ml-auto flex items-center gap-1">
            <ThemeToggle />
            <div className="hidden sm:block">
              <UserMenu email={user.email} name={user.name} role={workspace.role} />
            </div>
            <div className="sm:hidden">
              <MobileMenu email={user.email} name={user.name} role={workspace.role} workspace={workspace.name} />
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-[90rem] flex-1 px-4 py-6 sm:px-6">
        {children}
      </main>
      <ShortcutSheet />
    </div>
  );
}
