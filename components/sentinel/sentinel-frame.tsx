'use client';
// One Sentinel group drawn as a frame around its tree: the watching Sentinels, the quorum
// ("2 of 3 reachable") and Sentinel's master beside what the nodes say.
import type { ReactNode } from 'react';
import type { Sentinel, SentinelGroup, Status, TopologyNode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { SentinelActions } from './sentinel-actions';

function Chip({ status, children, title, testId }: { status: Status; children: ReactNode; title?: string; testId?: string }) {
  const tone = STATUS_TONE[status];
  return (
    <span
      title={title}
      data-testid={testId}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tone.text} ${tone.bg} ${tone.ring}`}
    >
      <StatusIcon status={status} className="h-3.5 w-3.5 shrink-0" />
      {children}
    </span>
  );
}

function SentinelChips({ group, sentinels }: { group: SentinelGroup; sentinels: readonly Sentinel[] }) {
  const { t } = useT();
  const byId = new Map(sentinels.map((s) => [s.id, s]));
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <span className="text-xs text-fg-muted">{t('sentinel.watchedBy')}</span>
      {group.sentinelIds.map((id) => {
        const s = byId.get(id);
        const up = group.reachableSentinelIds?.includes(id) ?? s?.reachable ?? false;
        return (
          <Chip key={id} status={up ? (s?.tilt ? 'warning' : 'ok') : 'critical'} title={s?.error} testId="sentinel-chip">
            <span className="font-mono">{id}</span>
            {!up && <span>· {t('sentinel.unreachable')}</span>}
            {s?.tilt && <span>· {t('sentinel.tilt')}</span>}
          </Chip>
        );
      })}
    </span>
  );
}

function FailoverLine({ group }: { group: SentinelGroup }) {
  const { t, fmt } = useT();
  const f = group.failover;
  if (!f) return null;
  const status: Status = f.state === 'failed' ? 'critical' : f.state === 'in_progress' ? 'warning' : 'ok';
  const took = f.endedAt !== undefined ? ` · ${fmt.seconds((f.endedAt - f.startedAt) / 1000)}` : '';
  return (
    <Chip status={status} testId="sentinel-failover" title={f.phases.map((p) => `${p.type} +${fmt.seconds(p.sincePrevMs / 1000)}`).join('\n')}>
      {t('sentinel.failover', { from: f.from, to: f.to ?? '…', state: t(`sentinel.failover.${f.state}`) })}
      {took}
    </Chip>
  );
}

export function SentinelFrame({
  group,
  sentinels,
  nodes,
  children,
}: {
  group: SentinelGroup;
  sentinels: readonly Sentinel[];
  nodes: readonly TopologyNode[];
  children: ReactNode;
}) {
  const { t } = useT();
  const reachable = group.reachableSentinelIds?.length ?? 0;
  const total = group.sentinelIds.length;
  const saying = nodes.filter((n) => n.reachable && n.role === 'master').map((n) => n.id).sort();
  const agree = group.masterId !== null && saying.length === 1 && saying[0] === group.masterId;
  const quorumStatus: Status = group.ckquorum.ok ? 'ok' : 'critical';
  return (
    <section
      data-testid="sentinel-group"
      data-name={group.name}
      className={`rounded-lg border-2 border-dashed p-3 ${group.ckquorum.ok && agree ? 'border-border-strong' : STATUS_TONE.critical.border}`}
      aria-label={t('sentinel.group', { name: group.name })}
    >
      <header className="mb-3 flex flex-col gap-2 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="font-semibold">{t('sentinel.group', { name: group.name })}</h3>
          <Chip status={quorumStatus} testId="sentinel-quorum" title={group.ckquorum.message}>
            {t('sentinel.quorum', { quorum: group.quorum ?? '?', reachable, total })} ·{' '}
            {group.ckquorum.ok ? t('sentinel.ckquorumOk') : t('sentinel.ckquorumBad')}
          </Chip>
          {group.tilt && <Chip status="warning">{t('sentinel.tilt')}</Chip>}
          <FailoverLine group={group} />
        </div>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs" data-testid="sentinel-master">
          <span>
            <span className="text-fg-muted">{t('sentinel.sentinelMaster')}: </span>
            <span className="font-mono">{group.masterId ?? t('sentinel.none')}</span>
          </span>
          <span>
            <span className="text-fg-muted">{t('sentinel.nodesMaster')}: </span>
            <span className="font-mono">{saying.length ? saying.join(', ') : t('sentinel.none')}</span>
          </span>
          <Chip status={agree ? 'ok' : 'critical'}>{agree ? t('sentinel.agree') : t('sentinel.disagree')}</Chip>
          {group.downAfterMs !== undefined && (
            <span className="text-fg-muted">
              {t('sentinel.settings', {
                downAfter: group.downAfterMs,
                failoverTimeout: group.failoverTimeoutMs ?? '?',
                parallelSyncs: group.parallelSyncs ?? '?',
              })}
            </span>
          )}
        </div>
        <SentinelChips group={group} sentinels={sentinels} />
        <SentinelActions group={group} />
      </header>
      {children}
    </section>
  );
}
