'use client';
// Node identity and health at the top of the node page.
import type { NodeDetail, TopologyNode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { DriverError } from '@/components/i18n/driver-error';
import { StatusBadge } from '@/components/ui/status';
import { CriticalIcon } from '@/components/ui/icons';
import { RoleBadge } from '@/components/topology/role-badge';

function Fact({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="panel-title">{label}</dt>
      <dd className="tnum truncate font-mono text-sm text-fg" title={title ?? value}>
        {value}
      </dd>
    </div>
  );
}

export function NodeHeader({ node, detail }: { node: TopologyNode; detail: NodeDetail | null }) {
  const { t, fmt } = useT();
  const server = detail?.info.server ?? detail?.info.Server ?? {};
  const uptime = server.uptime_in_seconds !== undefined ? Number(server.uptime_in_seconds) : null;
  const version = server.redis_version ?? node.version;
  const runId = server.run_id ?? node.runId;
  return (
    <section
      className="panel flex flex-col gap-4 p-5"
      data-testid="node-header"
      data-node-id={node.id}
      data-status={node.status}
      data-reachable={node.reachable ? 'true' : 'false'}
    >
      <div className="flex flex-wrap items-center gap-3">
        <RoleBadge role={node.role} size="md" />
        <h1 className="font-mono text-2xl font-semibold tracking-tight text-fg sm:text-3xl">
          {node.id}
        </h1>
        <StatusBadge status={node.status} size="lg" />
      </div>
      {!node.reachable && (
        <div
          className="flex items-start gap-3 rounded-md border-2 border-crit bg-crit-bg px-4 py-3 text-crit"
          role="alert"
        >
          <CriticalIcon className="mt-0.5 h-6 w-6 shrink-0" />
          <div className="flex min-w-0 flex-col">
            <span className="text-lg font-bold uppercase tracking-wide">
              {t('node.unreachable')}
              {node.error && ` · ${t(`nodeError.${node.error.code}`)}`}
            </span>
            {node.error?.message && (
              <DriverError message={node.error.message} className="text-sm" />
            )}
            {node.lastSeenAt && (
              <span className="text-sm">
                {t('node.lastSeen', { time: fmt.dateTime(node.lastSeenAt) })}
              </span>
            )}
          </div>
        </div>
      )}
      {/* A node that does not answer: these are its last good poll's values, greyed. */}
      <dl
        className={`grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-6 ${node.reachable ? '' : 'opacity-60'}`}
        data-stale={node.reachable ? undefined : 'true'}
      >
        <Fact label={t('nodePage.version')} value={version ?? '—'} />
        <Fact label={t('nodePage.uptime')} value={fmt.duration(uptime)} />
        <Fact label={t('nodePage.offset')} value={fmt.number(node.offset)} />
        <Fact label={t('nodePage.runId')} value={runId ? runId.slice(0, 12) : '—'} title={runId} />
        <Fact
          label={t('nodePage.replId')}
          value={node.replId ? node.replId.slice(0, 12) : '—'}
          title={node.replId}
        />
        <Fact
          label={t('nodePage.sampledAt')}
          value={detail?.sampledAt ? fmt.time(detail.sampledAt) : '—'}
        />
      </dl>
    </section>
  );
}
