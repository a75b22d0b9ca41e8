'use client';
// 5 min / 15 min / 1 h (live) and 24 h / 7 d / 30 d (persisted rollups) control for the node charts.
import { useT } from '@/components/i18n/i18n-provider';
import { Segmented } from '@/components/ui/segmented';
import type { MessageKey } from '@/lib/i18n';

export const CHART_WINDOWS = {
  '5m': 5 * 60 * 1000,
  '15m': 15 * 60 * 1000,
  '1h': 60 * 60 * 1000,
  '24h': 24 * 60 * 60 * 1000,
  '7d': 7 * 24 * 60 * 60 * 1000,
  '30d': 30 * 24 * 60 * 60 * 1000,
} as const;
export type ChartWindow = keyof typeof CHART_WINDOWS;

const WINDOWS: ChartWindow[] = ['5m', '15m', '1h'];
const LABELS: Record<ChartWindow, MessageKey> = {
  '5m': 'charts.window.5m',
  '15m': 'charts.window.15m',
  '1h': 'charts.window.1h',
  '24h': 'charts.window.24h',
  '7d': 'charts.window.7d',
  '30d': 'charts.window.30d',
};

/** Windows read from the persisted rollups (`range=` on the history API), not the live ring. */
export const LONG_WINDOWS = ['24h', '7d', '30d'] as const;
export type LongWindow = (typeof LONG_WINDOWS)[number];
export const isLongWindow = (w: ChartWindow): w is LongWindow => (LONG_WINDOWS as readonly string[]).includes(w);

export function WindowSwitch({
  value,
  onChange,
}: {
  value: ChartWindow;
  onChange: (w: ChartWindow) => void;
}) {
  const { t } = useT();
  return (
    <Segmented
      label={t('charts.window')}
      testId="chart-window"
      attr="window"
      value={value}
      options={WINDOWS.map((w) => ({ value: w, label: t(LABELS[w]) }))}
      onChange={onChange}
    />
  );
}
