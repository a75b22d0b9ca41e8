// Audit trail of guarded actions; `?run=` narrows it to one run, `?plan=` opens a plan to approve.
import { AuditPage } from '@/components/actions/audit-page';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const q = await searchParams;
  const runId = one(q.run);
  const planId = one(q.plan);
  // Keyed so following an audit link from a dialog starts from that run's view.
  return <AuditPage key={`${runId}|${planId}`} runId={runId} planId={planId} />;
}
