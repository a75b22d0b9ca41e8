// Fault drills: break the sandbox on purpose and score how the dashboard detects and recovers.
import { DrillsPage } from '@/components/drills/drills-page';

export default function Page() {
  return <DrillsPage />;
}
