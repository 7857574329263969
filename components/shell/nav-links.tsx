'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/utils';

export const NAV_LINKS = [
  { href: '/prompts', label: 'Prompts' },
  { href: '/datasets', label: 'Datasets' },
  { href: '/experiments', label: 'Experiments' },
  { href: '/runs', label: 'Runs' },
  { href: '/settings', label: 'Settings' },
] as const;

export function NavLinks({ className }: { className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={cn('flex items-center gap-1', className)}>
      {NAV_LINKS.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'rounded-md px-2 py-1.5 text-sm font-medium lg:px-3 text-muted-foreground transition-colors hover:bg-accent hover:text-foreground',
              active && 'bg-accent text-foreground',
            )}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
