'use client';
// An INFO value: readable (16 MiB) when its unit is known, the exact value Redis sent on hover.
import { useT } from '@/components/i18n/i18n-provider';
import { humanInfoValue } from './info-value';

export function InfoValue({ field, value }: { field: string; value: string }) {
  const { fmt } = useT();
  const human = humanInfoValue(field, value, fmt);
  if (human === null) return <code className="tnum break-all font-mono">{value}</code>;
  return (
    <span className="tnum font-mono" title={value} data-raw={value}>
      {human}
    </span>
  );
}
