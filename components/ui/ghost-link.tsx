// A link that looks like the ghost button (an icon and a word), e.g. "Node page", "Audit log".
import Link from 'next/link';
import type { ReactNode } from 'react';

export function GhostLink({
  href,
  testId,
  children,
}: {
  href: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Link href={href} className="btn-ghost focus-ring" data-testid={testId}>
      {children}
    </Link>
  );
}
