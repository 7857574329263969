import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { ThemeScript } from '@/components/theme/theme-script';
import { Toaster } from '@/components/ui/toaster';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'PromptLab', template: '%s · PromptLab' },
  description: 'Write, version, diff and run prompt templates.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Set by proxy.ts with this response's Content-Security-Policy; reading it also keeps every page dynamic,
  // which a per-response nonce needs.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    // The theme script sets the `dark` class before hydration.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-dvh bg-background text-foreground antialiased">
        {children}
        <Toaster />
      </body>
    </html>
  );
}
