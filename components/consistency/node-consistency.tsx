'use client';
// The node page's consistency section: the latest comparison and canary involving this node,
// and its heartbeat delay when the heartbeat is on.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { CanaryReplicaResult, CheckSummary } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { fetchCheck, useCheckHistory } from '@/components/hooks/use-checks';
import { StatusBadge, StatusIcon } from '@/components/ui/status';
import { STATE_LABEL, verdictStatus } from './check-text';
import { DelayValue, HeartbeatChart, HeartbeatOff, useHeartbeatView } from './heartbeat-panel';

/** This node's row in the latest finished canary, fetched in full (the summary has no rows). */
function useCanaryRow(summary: CheckSummary | undefined, nodeId: string) {
  const [row, setRow] = useState<{ id: string; result: CanaryReplicaResult | null } | null>(null);
  const id = summary?.id;
  useEffect(() => {
    if (!id) return;
    const ac = new AbortController();
    fetchCheck(id, ac.signal)
      .then((run) => {
        const result = run.kind === 'canary' ? (run.report.replicas.find((r) => r.replica === nodeId) ?? null) : null;
        setRow({ id, result });
      })
      .catch(() => undefined);
    return () => ac.abort();
  }, [id, nodeId]);
  return row && row.id === id ? row.result : null;
}

function CompareLine({ c }: { c: CheckSummary }) {
  const { t, fmt } = useT();
  const total = Object.values(c.counts).reduce((a, b) => a + b, 0);
  return (
    <li className="flex flex-wrap items-center gap-2 text-sm" data-testid="node-check" data-id={c.id}>
      <span className="text-fg-muted">{t('checks.kind.compare')}</span>
      <span className="tnum font-mono text-xs text-fg-subtle">{fmt.dateTime(c.startedAt)}</span>
      {c.state === 'done' ? (
        <StatusBadge size="sm" status={verdictStatus(c.state, c.counts, 'compare')} label={total === 0 ? t('checks.history.clean') : t('checks.history.diffs', { n: fmt.number(total) })} />
      ) : (
        <StatusBadge size="sm" status="unknown" label={t(STATE_LABEL[c.state])} />
      )}
    </li>
  );
}

export function NodeConsistency({ nodeId }: { nodeId: string }) {
  const { t, fmt } = useT();
  const { checks } = useCheckHistory(nodeId, 100);
  const { hb, isOff } = useHeartbeatView();
  const compare = checks?.find((c) => c.kind === 'compare' && c.nodes.includes(nodeId));
  const canarySummary = checks?.find((c) => c.kind === 'canary' && c.state === 'done');
  const canary = useCanaryRow(canarySummary, nodeId);
  const samples = hb.byNode[nodeId];
  return (
    <section className="panel flex flex-col gap-3 p-4" aria-labelledby="node-consistency-title" data-testid="node-consistency">
      <div className="flex items-center justify-between gap-3">
        <h2 id="node-consistency-title" className="panel-title">
          {t('checks.node.title')}
        </h2>
        <Link href="/consistency" className="focus-ring rounded text-xs text-accent hover:underline">
          {t('checks.node.open')}
        </Link>
      </div>
      <ul className="flex flex-col gap-1.5">
        {compare ? <CompareLine c={compare} /> : <li className="text-sm text-fg-subtle">{t('checks.node.noCompare')}</li>}
        {canary && canarySummary && (
          <li className="flex flex-wrap items-center gap-2 text-sm" data-testid="node-canary">
            <span className="text-fg-muted">{t('checks.kind.canary')}</span>
            <span className="tnum font-mono text-xs text-fg-subtle">{fmt.dateTime(canarySummary.startedAt)}</span>
            {canary.seen && canary.propagationMs !== null ? (
              <span className="tnum inline-flex items-center gap-1 font-mono text-xs text-ok">
                <StatusIcon status="ok" className="h-3.5 w-3.5" />
                {t('checks.ms', { n: fmt.number(canary.propagationMs) })}
              </span>
            ) : (
              <span className="inline-flex items-center gap-1 text-xs font-semibold text-crit">
                <StatusIcon status="critical" className="h-3.5 w-3.5" />
                {t('checks.canary.neverSaw')}
              </span>
            )}
          </li>
        )}
      </ul>
      {isOff ? (
        <HeartbeatOff />
      ) : samples ? (
        <div className="flex flex-col gap-2">
          <p className="flex items-center gap-2 text-sm">
            <span className="text-fg-muted">{t('checks.heartbeat.delay')}</span>
            <DelayValue sample={samples[samples.length - 1]} />
          </p>
          <HeartbeatChart nodeIds={[nodeId]} height={140} />
        </div>
      ) : null}
    </section>
  );
}
