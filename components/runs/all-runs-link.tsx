import Link from 'next/link';
import { ArrowLeftIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** The way back to /runs at the top of a run's page and of the comparison. */
export function AllRunsLink() {
  return (
    <div>
      <Button variant="ghost" size="sm" className="-ml-2 text-muted-foreground" asChild>
        <Link href="/runs">
          <ArrowLeftIcon aria-hidden="true" />
          All runs
        </Link>
      </Button>
    </div>
  );
}
