'use client';
// What a topology event changed ("Connection refused", "Master → Replica"), never "— → refused".
import type { TopologyEvent } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { eventChangeText } from '@/components/i18n/code-labels';

export function EventChange({ event }: { event: Pick<TopologyEvent, 'kind' | 'from' | 'to'> }) {
  const { t } = useT();
  const text = eventChangeText(event, t);
  if (!text) return null;
  return <span className="min-w-0 break-all text-fg-muted">{text}</span>;
}
