'use client';
// Links from this node's replicas to it.
import Link from 'next/link';
import type { Link as ReplLink } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { TableHead } from '@/components/ui/data-table';
import { LinkStateWord } from '@/components/topology/link-label';
import { nodeHref } from '@/components/topology/node-card';

export function DownstreamCard({ links }: { links: readonly ReplLink[] }) {
  const { t, fmt } = useT();
  return (
    <section className="panel flex flex-col gap-3 p-4" aria-labelledby="downstream-title">
      <h2 id="downstream-title" className="panel-title">
        {t('downstream.title')}
      </h2>
      {links.length === 0 ? (
        <p className="text-sm text-fg-muted">{t('downstream.none')}</p>
      ) : (
        <table className="w-full text-sm">
          <TableHead
            className="text-left text-xs uppercase tracking-wide text-fg-subtle"
            rowClassName=""
            padding="py-1"
            columns={[
              { header: t('slave.address') },
              { header: t('linkCard.state') },
              { header: t('link.lag'), align: 'right' },
              { header: t('link.gap'), align: 'right' },
            ]}
          />
          <tbody className="divide-y divide-border">
            {links.map((l) => (
              <tr
                key={l.replica}
                data-testid="downstream-link"
                data-replica={l.replica}
                data-link-status={l.linkStatus}
              >
                <td className="py-2">
                  <Link
                    href={nodeHref(l.replica)}
                    className="focus-ring rounded font-mono text-accent hover:underline"
                  >
                    {l.replica}
                  </Link>
                </td>
                <td className="py-2">
                  <LinkStateWord link={l} className="text-xs" />
                </td>
                <td className="tnum py-2 text-right font-mono">{fmt.seconds(l.lagSeconds)}</td>
                <td className="tnum py-2 text-right font-mono">{fmt.bytes(l.offsetGapBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
