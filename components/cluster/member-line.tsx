'use client';
// One cluster member: status icon, role word, address (links to its node page), cluster flags.
import Link from 'next/link';
import type { ClusterFlag } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import type { MemberRow } from './shard-view';

const FLAG_KEY = {
  fail: 'cluster.view.flag.fail',
  pfail: 'cluster.view.flag.pfail',
  handshake: 'cluster.view.flag.handshake',
  noaddr: 'cluster.view.flag.noaddr',
  nofailover: 'cluster.view.flag.nofailover',
} as const satisfies Record<ClusterFlag, string>;

export function MemberLine({ row, role }: { row: MemberRow; role: 'primary' | 'replica' | 'failed' }) {
  const { t } = useT();
  const tone = STATUS_TONE[row.status];
  const roleKey = role === 'primary' ? 'cluster.view.primary' : role === 'replica' ? 'cluster.view.replica' : 'cluster.view.failed';
  return (
    <div data-testid="cluster-member" data-node={row.id} data-role={role} data-status={row.status} className="flex min-w-0 items-center gap-2 text-sm">
      <StatusIcon status={row.status} className={`h-4 w-4 shrink-0 ${tone.text}`} />
      <span className={`w-16 shrink-0 text-[11px] font-bold uppercase tracking-wide ${role === 'primary' ? 'text-accent' : 'text-fg-muted'}`}>{t(roleKey)}</span>
      <Link href={`/nodes/${encodeURIComponent(row.id)}`} className="focus-ring truncate rounded font-mono text-fg hover:underline">
        {row.id}
      </Link>
      {row.member?.flags.map((f) => (
        <span key={f} className={`rounded px-1 text-[10px] font-bold uppercase ring-1 ring-inset ${f === 'fail' ? STATUS_TONE.critical.text : STATUS_TONE.warning.text} ${f === 'fail' ? STATUS_TONE.critical.ring : STATUS_TONE.warning.ring}`}>
          {t(FLAG_KEY[f])}
        </span>
      ))}
    </div>
  );
}
