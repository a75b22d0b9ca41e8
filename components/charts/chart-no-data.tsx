'use client';
// Laid over an empty chart's plot area, which stays drawn (axes, grid) behind it.
import { useT } from '@/components/i18n/i18n-provider';

export function ChartNoData() {
  const { t } = useT();
  return (
    <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-fg-subtle">
      {t('charts.noData')}
    </p>
  );
}
