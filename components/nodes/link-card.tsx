'use client';
// The node's upstream link in detail, with transfer progress during a full sync.
import Link from 'next/link';
import type { Link as ReplLink } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { replicaStateText } from '@/components/i18n/code-labels';
import { LinkStateWord } from '@/components/topology/link-label';
import { nodeHref } from '@/components/topology/node-card';
import { STATUS_TONE } from '@/components/ui/status';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-1.5">
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd className="tnum text-right font-mono text-base text-fg">{children}</dd>
    </div>
  );
}

function SyncProgress({ link }: { link: ReplLink }) {
  const { t, fmt } = useT();
  const sync = link.sync;
  if (!sync) return null;
  const hasTotal = sync.totalBytes !== null && sync.percent !== null;
  const pct = Math.min(100, Math.max(0, sync.percent ?? 0));
  return (
    <div
      className="flex flex-col gap-1.5 rounded-md border border-border bg-surface-2 p-3"
      data-testid="sync-progress"
    >
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-semibold text-fg">{t('linkCard.sync')}</span>
        {hasTotal && <span className="tnum font-mono text-fg">{fmt.percent(pct)}</span>}
      </div>
      <div
        className="h-2.5 w-full overflow-hidden rounded bg-surface-3"
        role="progressbar"
        aria-label={t('linkCard.sync')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={hasTotal ? Math.round(pct) : undefined}
      >
        <div
          className={`h-full ${hasTotal ? 'bg-accent' : 'progress-indeterminate'}`}
          style={{ width: hasTotal ? `${pct}%` : '100%' }}
        />
      </div>
      <span className="tnum font-mono text-xs text-fg-muted">
        {hasTotal
          ? t('linkCard.syncReadOfTotal', {
              read: fmt.bytes(sync.readBytes),
              total: fmt.bytes(sync.totalBytes),
            })
          : t('linkCard.syncReadOnly', { read: fmt.bytes(sync.readBytes) })}
      </span>
    </div>
  );
}

/** A value the link does not have now (down, syncing, replica not answering): unknown, not 0. */
function Unknown() {
  const { t } = useT();
  return (
    <span className="text-fg-subtle" title={t('value.unknownHint')} data-testid="value-unknown">
      {t('value.unknown')}
    </span>
  );
}

export function LinkCard({ link }: { link: ReplLink | null }) {
  const { t, fmt } = useT();
  const tone = link ? STATUS_TONE[link.linkStatus === 'down' ? 'critical' : link.status] : null;
  return (
    <section
      className={`panel flex flex-col gap-3 p-4 ${tone && link?.status !== 'ok' ? `border-2 ${tone.border}` : ''}`}
      aria-labelledby="link-card-title"
      data-testid="link-card"
      data-link-status={link?.linkStatus}
      data-status={link?.status}
    >
      <h2 id="link-card-title" className="panel-title">
        {t('linkCard.title')}
      </h2>
      {!link ? (
        <p className="text-sm text-fg-muted">{t('linkCard.none')}</p>
      ) : (
        <>
          <LinkStateWord link={link} className="text-xl" />
          <dl className="divide-y divide-border">
            <Row label={t('linkCard.upstream')}>
              <Link
                href={nodeHref(link.upstream)}
                className="focus-ring rounded text-accent hover:underline"
              >
                {link.upstream}
              </Link>
            </Row>
            <Row label={t('linkCard.lag')}>
              {link.lagSeconds === null ? <Unknown /> : fmt.seconds(link.lagSeconds)}
            </Row>
            <Row label={t('linkCard.gap')}>
              {link.offsetGapBytes === null ? <Unknown /> : fmt.bytes(link.offsetGapBytes)}
              {link.offsetGapBytes !== null && link.offsetGapBytes >= 1024 && (
                <span className="ml-2 text-xs text-fg-subtle">
                  ({fmt.number(link.offsetGapBytes)} B)
                </span>
              )}
            </Row>
            {link.lastIoSecondsAgo != null && (
              <Row label={t('linkCard.lastIo')}>
                {link.lastIoSecondsAgo < 0
                  ? '—'
                  : t('linkCard.secondsAgo', { value: fmt.seconds(link.lastIoSecondsAgo) })}
              </Row>
            )}
            {link.downSinceSeconds != null && (
              <Row label={t('linkCard.downSince')}>
                <span className="text-crit">
                  {link.downSinceSeconds < 0
                    ? t('linkCard.downNever')
                    : fmt.duration(link.downSinceSeconds)}
                </span>
              </Row>
            )}
            {link.upstreamState && (
              <Row label={t('linkCard.upstreamState')}>
                <span title={link.upstreamState}>{replicaStateText(link.upstreamState, t)}</span>
              </Row>
            )}
          </dl>
          <SyncProgress link={link} />
        </>
      )}
    </section>
  );
}
