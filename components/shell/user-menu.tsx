'use client';

import { signOut } from 'next-auth/react';
import Link from 'next/link';
import { BookOpen, Keyboard, LogOut, Settings } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { openShortcutSheet } from './shortcut-sheet';

export function UserMenu({ email, name, role }: { email: string | null; name: string | null; role: string }) {
  const label = name || email || 'Account';
  const initial = label.trim().charAt(0).toUpperCase() || '?';
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Account menu for ${label}`} data-testid="user-menu">
          <span className="flex size-7 items-center justify-center rounded-full bg-primary/15 text-xs font-semibold text-primary">{initial}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuLabel className="font-normal">
          <div className="truncate text-sm font-medium" data-testid="user-email">{email ?? label}</div>
          <div className="text-xs capitalize text-muted-foreground">{role}</div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings">
            <Settings aria-hidden /> Settings
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/api-docs" data-testid="api-docs-link">
            <BookOpen aria-hidden /> API reference
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem data-testid="open-shortcuts" onSelect={openShortcutSheet}>
          <Keyboard aria-hidden /> Keyboard shortcuts
        </DropdownMenuItem>
        <DropdownMenuItem data-testid="sign-out" onSelect={() => void signOut({ redirectTo: '/login' })}>
          <LogOut aria-hidden /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
