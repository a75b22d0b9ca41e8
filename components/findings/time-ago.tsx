'use client';
// "3m 5s ago", ticking; the exact time in the tooltip.
import { useT } from '@/components/i18n/i18n-provider';
import { useNow } from '@/components/hooks/use-now';

export function TimeAgo({
  at,
  className,
  render = (ago) => ago,
}: {
  at: number;
  className?: string;
  /** Wraps the relative text, e.g. "Opened {ago}". */
  render?: (ago: string) => string;
}) {
  const { t, fmt } = useT();
  const now = useNow();
  const seconds = (now - at) / 1000;
  const text =
    now === 0
      ? fmt.time(at) // server render: no clock to compare with
      : seconds < 5
        ? t('time.justNow')
        : t('time.ago', { duration: fmt.duration(seconds) });
  return (
    <time dateTime={new Date(at).toISOString()} title={fmt.dateTime(at)} className={className}>
      {render(text)}
    </time>
  );
}
