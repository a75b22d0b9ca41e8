// Title and subtitle of a list page, with the page's own controls (counts, refresh) on the right.
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  subtitle,
  align = 'end',
  children,
}: {
  title: string;
  subtitle: string;
  /** How the right-hand side lines up with the title block: its bottom, or the text baseline. */
  align?: 'end' | 'baseline';
  children?: ReactNode;
}) {
  return (
    <div
      className={`flex flex-wrap ${align === 'baseline' ? 'items-baseline' : 'items-end'} justify-between gap-3`}
    >
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        <p className="text-sm text-fg-muted">{subtitle}</p>
      </div>
      {children}
    </div>
  );
}
