// Health reports: the runbook's daily / weekly / monthly checks from the persisted history.
import { ReportsPage } from '@/components/reports/reports-page';

export default function Page() {
  return <ReportsPage />;
}
