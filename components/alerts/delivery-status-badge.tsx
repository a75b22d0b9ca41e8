'use client';
// Delivery status: delivered (green), pending (grey, still retrying), failed (red, gave up).
import type { Status, WebhookDelivery } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { ClockIcon } from '@/components/findings/icons';

const STATUS: Record<WebhookDelivery['status'], Status> = {
  delivered: 'ok',
  pending: 'unknown',
  failed: 'critical',
};

export function DeliveryStatusBadge({ status }: { status: WebhookDelivery['status'] }) {
  const { t } = useT();
  const tone = STATUS_TONE[STATUS[status]];
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide ring-1 ring-inset ${tone.text} ${tone.bg} ${tone.ring}`}
    >
      {status === 'pending' ? (
        <ClockIcon className="h-3.5 w-3.5" />
      ) : (
        <StatusIcon status={STATUS[status]} className="h-3.5 w-3.5" />
      )}
      {t(`delivery.${status}`)}
    </span>
  );
}
