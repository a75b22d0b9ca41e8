// replica_cannot_failover: a cluster replica whose link to its primary has been down so long that
// it would refuse to be promoted. Redis (cluster_legacy.c, clusterHandleSlaveFailover): data age =
// time since the link went down, minus cluster-node-timeout when larger; the replica does not
// start an election when data age > repl-ping-replica-period × 1000 + cluster-node-timeout ×
// cluster-replica-validity-factor. A factor of 0 means "always may fail over": no finding.
// Critical when its primary is flagged down (it is the replica needed now), else warning.
import type { Evidence } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import { findingHead, configEvidence, infoField, type Rule } from '../rule-kit';
import { cRemedy, configNumber, ct, isDown } from './cluster-kit';

export const replicaCannotFailover: Rule = (input) => {
  const cluster = input.topology.cluster;
  if (!cluster) return [];
  return cluster.members.flatMap((m): FindingCandidate[] => {
    if (m.role !== 'replica' || !m.id) return [];
    const view = input.nodes.find((n) => n.id === m.id);
    const r = view?.info?.replication;
    if (!view?.reachable || !r || r.master_link_status !== 'down') return [];
    const down = r.master_link_down_since_seconds;
    const timeout = configNumber(input, m.id, 'cluster-node-timeout');
    const factor = configNumber(input, m.id, 'cluster-replica-validity-factor');
    const ping = configNumber(input, m.id, 'repl-ping-replica-period') ?? 10;
    if (down === undefined || down < 0 || timeout === undefined || !factor) return [];
    const limitMs = timeout + ping * 1000 + timeout * factor;
    if (down * 1000 <= limitMs) return [];
    const primary = cluster.members.find((p) => p.nodeId === m.primaryNodeId);
    const primaryId = primary?.id ?? (r.master_host ? `${r.master_host}:${r.master_port}` : '?');
    const params = { node: m.id, primary: primaryId, down, limit: Math.round(limitMs / 1000) };
    const primaryDown = Boolean(primary && isDown(primary));
    const evidence: Evidence[] = [
      ...[infoField(view, 'replication', 'master_link_status'), infoField(view, 'replication', 'master_link_down_since_seconds')].flatMap((e) => e ?? []),
      configEvidence(m.id, 'cluster-node-timeout', String(timeout)),
      configEvidence(m.id, 'cluster-replica-validity-factor', String(factor)),
      configEvidence(m.id, 'repl-ping-replica-period', String(ping)),
    ];
    return [
      {
        ...findingHead('replica_cannot_failover', m.id, primaryDown ? 'critical' : 'warning'),
        nodeId: m.id,
        ...(primary?.id ? { link: { upstream: primary.id, replica: m.id } } : {}),
        title: ct('cluster.rule.validity.title', params),
        detail: ct('cluster.rule.validity.detail', params),
        evidence,
        // With the primary gone only a forced manual failover can promote it (an admin's call).
        remedy: primaryDown ? cRemedy('cluster.rule.validity.remedy', params, 'cluster.failover', { mode: 'force' }) : cRemedy('cluster.rule.validity.remedy', params),
      },
    ];
  });
};
