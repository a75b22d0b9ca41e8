'use client';
// Socket connection state: "Live" (green) or "Reconnecting…" (amber), plus the last update time.
import { useT } from '@/components/i18n/i18n-provider';
import type { ConnectionState } from '@/components/hooks/use-topology';
import type { MessageKey } from '@/lib/i18n';

const VIEW: Record<ConnectionState, { key: MessageKey; dot: string; text: string }> = {
  live: { key: 'live.connected', dot: 'bg-ok', text: 'text-ok' },
  reconnecting: { key: 'live.reconnecting', dot: 'bg-warn', text: 'text-warn' },
  connecting: { key: 'live.connecting', dot: 'bg-unk', text: 'text-unk' },
};

export function LiveIndicator({
  connection,
  updatedAt,
}: {
  connection: ConnectionState;
  updatedAt: number | null;
}) {
  const { t, fmt } = useT();
  const view = VIEW[connection];
  const isLive = connection === 'live';
  return (
    <div
      data-testid="live-indicator"
      data-connected={isLive ? 'true' : 'false'}
      data-state={connection}
      role="status"
      aria-live="polite"
      className="flex items-center gap-3 rounded-md border border-border bg-surface px-3 py-1.5 text-sm"
    >
      <span className={`flex items-center gap-2 font-semibold ${view.text}`}>
        <span className="relative flex h-2.5 w-2.5" aria-hidden="true">
          {isLive && (
            <span
              className={`absolute inline-flex h-full w-full animate-ping rounded-full opacity-60 motion-reduce:animate-none ${view.dot}`}
            />
          )}
          <span className={`relative inline-flex h-2.5 w-2.5 rounded-full ${view.dot}`} />
        </span>
        {t(view.key)}
      </span>
      {updatedAt !== null && (
        <span className="tnum text-xs text-fg-muted">
          {t('live.updatedAt', { time: fmt.time(updatedAt) })}
        </span>
      )}
    </div>
  );
}
