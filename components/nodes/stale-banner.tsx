'use client';
// A node that does not answer: what the page shows is its last good poll, said plainly, with
// how long ago ("last seen 3 min ago"). Nothing below it is a current verdict.
import { useT } from '@/components/i18n/i18n-provider';
import { TimeAgo } from '@/components/findings/time-ago';
import { UnknownIcon } from '@/components/ui/icons';

export function StaleBanner({ sampledAt }: { sampledAt: number | null | undefined }) {
  const { t } = useT();
  return (
    <p
      className="flex items-start gap-2 rounded-md border border-border bg-surface-2 px-4 py-3 text-sm text-fg-muted"
      role="status"
      data-testid="node-stale"
      data-sampled-at={sampledAt ?? ''}
    >
      <UnknownIcon className="mt-0.5 h-4 w-4 shrink-0" />
      {sampledAt ? (
        <span>
          <TimeAgo
            at={sampledAt}
            className="font-semibold text-fg"
            render={(ago) => t('stale.lastSeen', { ago })}
          />
          {' — '}
          <TimeAgo at={sampledAt} render={(ago) => t('stale.banner', { ago })} />
        </span>
      ) : (
        <span>{t('stale.never')}</span>
      )}
    </p>
  );
}
