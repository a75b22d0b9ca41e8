// Alerting: the webhook delivery log.
import { DeliveriesPage } from '@/components/alerts/deliveries-page';

export default function Page() {
  return <DeliveriesPage />;
}
