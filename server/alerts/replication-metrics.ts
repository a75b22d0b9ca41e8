// The replication metrics ReplicaOps exports, built from one monitor snapshot. Pure. Names follow
// redis_exporter where it has one, with an `addr` label because one ReplicaOps scrape covers every
// node; figures redis_exporter does not have (offset gap, link status, findings) are `replicaops_*`.
import {
  FindingKindSchema,
  SeveritySchema,
  type Finding,
  type Link,
  type LinkStatus,
  type NodeMetrics,
  type TopologyNode,
} from '../../lib/contracts';
import type { MetricFamily, MetricType, Sample } from './prometheus-text';

export interface NodeMetricsInput {
  node: TopologyNode;
  /** Derived metrics of the latest poll; null when the node did not answer it. */
  metrics: NodeMetrics | null;
  /** `connected_slaves` of the latest poll. */
  connectedSlaves: number | null;
}

export interface ReplicationMetricsInput {
  nodes: NodeMetricsInput[];
  links: Link[];
  openFindings: Array<Pick<Finding, 'kind' | 'severity'>>;
  pollCycles: number;
}

const LINK_STATUSES: LinkStatus[] = ['up', 'down', 'sync'];

function family(name: string, type: MetricType, help: string, samples: Sample[]): MetricFamily {
  return { name, type, help, samples };
}

/** One sample per answering node whose value is known; an unknown value is left out, not zeroed. */
function perNode(
  nodes: NodeMetricsInput[],
  pick: (n: NodeMetricsInput) => number | null | undefined,
): Sample[] {
  const out: Sample[] = [];
  for (const n of nodes) {
    if (!n.node.reachable) continue;
    const v = pick(n);
    if (typeof v === 'number' && Number.isFinite(v))
      out.push({ labels: { addr: n.node.id }, value: v });
  }
  return out;
}

// Long on purpose: the /metrics catalogue as one list, one family (name, type, help, samples)
// per entry, so the exported set reads in one place; splitting it would scatter the catalogue.
export function replicationFamilies(input: ReplicationMetricsInput): MetricFamily[] {
  const { nodes, links } = input;
  const m = (f: (x: NodeMetrics) => number | null) => (n: NodeMetricsInput) =>
    n.metrics ? f(n.metrics) : null;
  const open = new Map<string, number>();
  for (const f of input.openFindings)
    open.set(`${f.kind}/${f.severity}`, (open.get(`${f.kind}/${f.severity}`) ?? 0) + 1);
  const withValue = (
    pick: (l: Link) => number | null,
    labels: (l: Link) => Record<string, string>,
  ): Sample[] =>
    links.flatMap((l) => {
      const v = pick(l);
      return v === null ? [] : [{ labels: labels(l), value: v }];
    });
  return [
    family(
      'redis_up',
      'gauge',
      'Whether ReplicaOps reached the node in the last poll cycle (1) or not (0).',
      nodes.map((n) => ({ labels: { addr: n.node.id }, value: n.node.reachable ? 1 : 0 })),
    ),
    family(
      'redis_instance_info',
      'gauge',
      'Information about the Redis instance (always 1).',
      nodes.map((n) => ({
        labels: { addr: n.node.id, role: n.node.role, redis_version: n.node.version ?? '' },
        value: 1,
      })),
    ),
    family(
      'redis_connected_slaves',
      'gauge',
      'Replicas connected to the node (connected_slaves).',
      perNode(nodes, (n) => n.connectedSlaves),
    ),
    family(
      'redis_master_repl_offset',
      'gauge',
      "The node's replication offset in bytes (master_repl_offset).",
      perNode(nodes, (n) => n.node.offset),
    ),
    family(
      'redis_memory_used_bytes',
      'gauge',
      'used_memory in bytes.',
      perNode(
        nodes,
        m((x) => x.usedMemoryBytes),
      ),
    ),
    family(
      'redis_memory_max_bytes',
      'gauge',
      'maxmemory in bytes (0: no limit).',
      perNode(
        nodes,
        m((x) => x.maxmemoryBytes),
      ),
    ),
    family(
      'redis_instantaneous_ops_per_sec',
      'gauge',
      'Commands per second (instantaneous_ops_per_sec).',
      perNode(
        nodes,
        m((x) => x.opsPerSec),
      ),
    ),
    family(
      // redis_exporter exports the raw CPU counters; the rate over one poll is what we have.
      'replicaops_node_cpu_percent',
      'gauge',
      'CPU time used since the previous poll, % of one core (used_cpu_sys + used_cpu_user).',
      perNode(
        nodes,
        m((x) => x.cpuPct ?? null),
      ),
    ),
    family(
      'redis_db_keys',
      'gauge',
      'Keys in all databases of the node.',
      perNode(
        nodes,
        m((x) => x.keys),
      ),
    ),
    family(
      // redis_exporter's names (and its gauge type), so existing dashboards work unchanged.
      'redis_replica_resyncs_full',
      'gauge',
      'Full resyncs served by the node (sync_full); resets when it restarts.',
      perNode(
        nodes,
        m((x) => x.syncFull),
      ),
    ),
    family(
      'redis_replica_partial_resync_accepted',
      'gauge',
      'Partial resyncs accepted (sync_partial_ok).',
      perNode(
        nodes,
        m((x) => x.syncPartialOk),
      ),
    ),
    family(
      'redis_replica_partial_resync_denied',
      'gauge',
      'Partial resyncs denied (sync_partial_err).',
      perNode(
        nodes,
        m((x) => x.syncPartialErr),
      ),
    ),
    family(
      'redis_master_link_up',
      'gauge',
      "Whether the replica's link to its upstream is up (master_link_status:up).",
      links.map((l) => ({
        labels: { addr: l.replica, master_addr: l.upstream },
        value: l.linkStatus === 'up' ? 1 : 0,
      })),
    ),
    family(
      'redis_connected_slave_lag_seconds',
      'gauge',
      "Seconds since the replica's last REPLCONF ACK, from the upstream's slaveN line (not data delay).",
      withValue(
        (l) => l.lagSeconds,
        (l) => ({ addr: l.upstream, slave_addr: l.replica }),
      ),
    ),
    family(
      'replicaops_link_offset_gap_bytes',
      'gauge',
      'Upstream master_repl_offset minus replica slave_repl_offset, read in the same poll cycle.',
      withValue(
        (l) => l.offsetGapBytes,
        (l) => ({ upstream: l.upstream, replica: l.replica }),
      ),
    ),
    family(
      'replicaops_link_status',
      'gauge',
      'Replication link status: 1 for the current one of up, down, sync.',
      links.flatMap((l) =>
        LINK_STATUSES.map((s) => ({
          labels: { upstream: l.upstream, replica: l.replica, status: s },
          value: l.linkStatus === s ? 1 : 0,
        })),
      ),
    ),
    // Every kind × severity, zeros included, so an alert rule sees a value drop back to 0.
    family(
      'replicaops_findings_open',
      'gauge',
      'Open findings by kind and severity.',
      FindingKindSchema.options.flatMap((kind) =>
        SeveritySchema.options.map((severity) => ({
          labels: { kind, severity },
          value: open.get(`${kind}/${severity}`) ?? 0,
        })),
      ),
    ),
    family(
      'replicaops_poll_cycles_total',
      'counter',
      'Poll cycles completed since ReplicaOps started.',
      [{ value: input.pollCycles }],
    ),
    family('replicaops_nodes', 'gauge', 'Nodes in the discovered topology.', [
      { value: nodes.length },
    ]),
  ];
}
