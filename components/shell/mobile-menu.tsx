'use client';

import { signOut } from 'next-auth/react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { BookOpen, LogOut, MenuIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { cn } from '@/lib/utils';
import { NAV_LINKS } from './nav-links';

type Props = { email: string | null; name: string | null; role: string; workspace: string };

/** The phone header: navigation, the account and sign-out in one menu (the theme toggle stays beside it). */
export function MobileMenu({ email, name, role, workspace }: Props) {
  const pathname = usePathname();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Menu" data-testid="mobile-menu">
          <MenuIcon aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64 max-w-[calc(100vw-1rem)]">
        <DropdownMenuLabel className="font-normal">
          <div className="truncate text-sm font-medium">{email ?? name ?? 'Account'}</div>
          <div className="truncate text-xs text-muted-foreground">
            {workspace} · <span className="capitalize">{role}</span>
          </div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {NAV_LINKS.map((link) => {
          const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <DropdownMenuItem key={link.href} asChild>
              <Link href={link.href} aria-current={active ? 'page' : undefined} className={cn(active && 'font-medium')} data-testid={`mobile-nav-${link.label.toLowerCase()}`}>
                {link.label}
              </Link>
            </DropdownMenuItem>
          );
        })}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/api-docs" data-testid="mobile-api-docs-link">
            <BookOpen aria-hidden /> API reference
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem data-testid="mobile-sign-out" onSelect={() => void signOut({ redirectTo: '/login' })}>
          <LogOut aria-hidden /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
