// Consistency: canary propagation checks, master–replica data comparison, heartbeat delay.
import { ConsistencyPage } from '@/components/consistency/consistency-page';

export default function Page() {
  return <ConsistencyPage />;
}
