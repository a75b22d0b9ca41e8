// Overview: the live replication tree, summary and recent topology events.
import { OverviewPage } from '@/components/overview/overview-page';

export default function Page() {
  return <OverviewPage />;
}
