'use client';
// The value axis title: the one unit every tick of the axis is in (KiB, ms, %).
import { useT } from '@/components/i18n/i18n-provider';
import type { MessageKey } from '@/lib/i18n';

/** Units with a word in each language; byte units and % read the same everywhere. */
const UNIT_KEYS: Partial<Record<string, MessageKey>> = {
  s: 'chart.unit.s',
  ms: 'chart.unit.ms',
  min: 'chart.unit.min',
};

export function AxisUnit({ unit }: { unit: string }) {
  const { t } = useT();
  if (!unit) return null;
  const key = UNIT_KEYS[unit];
  return (
    <span className="-mb-1 whitespace-nowrap text-[11px] text-fg-subtle" data-testid="axis-unit">
      {t('chart.axisUnit', { unit: key ? t(key) : unit })}
    </span>
  );
}
