import Link from 'next/link';
import { FlaskConical } from 'lucide-react';
import { Button } from '@/components/ui/button';

type Props = { title: string; description: string; /** The shell already shows the brand inside the workspace. */ brand?: boolean };

/** The branded 404: says what is missing and offers the way back. */
export function NotFoundView({ title, description, brand = false }: Props) {
  return (
    <section className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center" data-testid="not-found">
      {brand ? (
        <Link href="/prompts" className="flex items-center gap-2 font-semibold tracking-tight">
          <span className="flex size-9 items-center justify-center rounded-xl bg-primary text-primary-foreground">
            <FlaskConical className="size-5" aria-hidden />
          </span>
          PromptLab
        </Link>
      ) : null}
      <p className="font-mono text-sm text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="text-sm text-muted-foreground">{description}</p>
      <nav aria-label="Where to go" className="flex flex-wrap justify-center gap-2">
        <Button asChild>
          <Link href="/prompts">Go to prompts</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/runs">See runs</Link>
        </Button>
        <Button asChild variant="ghost">
          <Link href="/settings">Settings</Link>
        </Button>
      </nav>
    </section>
  );
}
