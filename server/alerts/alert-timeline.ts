// The incident timeline line for a finished delivery: the story of an incident says who was told
// and when, or that telling them failed.
import type { NewTimelineEntry } from '../store/incident-store';
import type { DeliveryRow } from './delivery-store';

export function alertTimelineEntry(
  row: Pick<DeliveryRow, 'id' | 'webhook' | 'event' | 'finding_id'>,
  status: 'delivered' | 'failed',
  attempts: number,
  incidentId: string,
  at: number,
): NewTimelineEntry {
  const what = row.event.replace('finding_', '').replace('_', ' ');
  const [summary, summaryZh] =
    status === 'delivered'
      ? [`Alert (${what}) sent to ${row.webhook}`, `告警（${what}）已发送至 ${row.webhook}`]
      : [
          `Alert (${what}) to ${row.webhook} failed after ${attempts} attempt(s)`,
          `告警（${what}）发送至 ${row.webhook} 失败，已尝试 ${attempts} 次`,
        ];
  return {
    incidentId,
    at,
    type: 'alert_sent',
    actor: 'system',
    summary,
    summaryZh,
    data: {
      webhook: row.webhook,
      event: row.event,
      deliveryId: row.id,
      findingId: row.finding_id,
      status,
      attempts,
    },
  };
}
