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

interface FamilySpec {
  name: string;
  type: MetricType;
  help: string;
  samples: (input: ReplicationMetricsInput) => Sample[];
}

/** Samples of answering nodes from one field of the input (see perNode). */
const eachNode =
  (pick: (n: NodeMetricsInput) => number | null | undefined) =>
  (input: ReplicationMetricsInput): Sample[] =>
    perNode(input.nodes, pick);

/** Samples of answering nodes from one derived metric of their latest poll. */
const eachMetric = (pick: (x: NodeMetrics) => number | null | undefined) =>
  eachNode((n) => (n.metrics ? pick(n.metrics) : null));

/** One sample per link whose value is known. */
const eachLink =
  (pick: (l: Link) => number | null, labels: (l: Link) => Record<string, string>) =>
  (input: ReplicationMetricsInput): Sample[] =>
    input.links.flatMap((l) => {
      const v = pick(l);
      return v === null ? [] : [{ labels: labels(l), value: v }];
    });

/** Every kind × severity, zeros included, so an alert rule sees a value drop back to 0. */
function openFindingSamples(input: ReplicationMetricsInput): Sample[] {
  const open = new Map<string, number>();
  for (const f of input.openFindings)
    open.set(`${f.kind}/${f.severity}`, (open.get(`${f.kind}/${f.severity}`) ?? 0) + 1);
  return FindingKindSchema.options.flatMap((kind) =>
    SeveritySchema.options.map((severity) => ({
      labels: { kind, severity },
      value: open.get(`${kind}/${severity}`) ?? 0,
    })),
  );
}

/** The /metrics catalogue, in export order: one family per entry. */
const CATALOGUE: FamilySpec[] = [
  {
    name: 'redis_up',
    type: 'gauge',
    help: 'Whether ReplicaOps reached the node in the last poll cycle (1) or not (0).',
    samples: ({ nodes }) =>
      nodes.map((n) => ({ labels: { addr: n.node.id }, value: n.node.reachable ? 1 : 0 })),
  },
  {
    name: 'redis_instance_info',
    type: 'gauge',
    help: 'Information about the Redis instance (always 1).',
    samples: ({ nodes }) =>
      nodes.map((n) => ({
        labels: { addr: n.node.id, role: n.node.role, redis_version: n.node.version ?? '' },
        value: 1,
      })),
  },
  {
    name: 'redis_connected_slaves',
    type: 'gauge',
    help: 'Replicas connected to the node (connected_slaves).',
    samples: eachNode((n) => n.connectedSlaves),
  },
  {
    name: 'redis_master_repl_offset',
    type: 'gauge',
    help: "The node's replication offset in bytes (master_repl_offset).",
    samples: eachNode((n) => n.node.offset),
  },
  { name: 'redis_memory_used_bytes', type: 'gauge', help: 'used_memory in bytes.', samples: eachMetric((x) => x.usedMemoryBytes) },
  { name: 'redis_memory_max_bytes', type: 'gauge', help: 'maxmemory in bytes (0: no limit).', samples: eachMetric((x) => x.maxmemoryBytes) },
  {
    name: 'redis_instantaneous_ops_per_sec',
    type: 'gauge',
    help: 'Commands per second (instantaneous_ops_per_sec).',
    samples: eachMetric((x) => x.opsPerSec),
  },
  {
    // redis_exporter exports the raw CPU counters; the rate over one poll is what we have.
    name: 'replicaops_node_cpu_percent',
    type: 'gauge',
    help: 'CPU time used since the previous poll, % of one core (used_cpu_sys + used_cpu_user).',
    samples: eachMetric((x) => x.cpuPct),
  },
  { name: 'redis_db_keys', type: 'gauge', help: 'Keys in all databases of the node.', samples: eachMetric((x) => x.keys) },
  {
    // redis_exporter's names (and its gauge type), so existing dashboards work unchanged.
    name: 'redis_replica_resyncs_full',
    type: 'gauge',
    help: 'Full resyncs served by the node (sync_full); resets when it restarts.',
    samples: eachMetric((x) => x.syncFull),
  },
  {
    name: 'redis_replica_partial_resync_accepted',
    type: 'gauge',
    help: 'Partial resyncs accepted (sync_partial_ok).',
    samples: eachMetric((x) => x.syncPartialOk),
  },
  {
    name: 'redis_replica_partial_resync_denied',
    type: 'gauge',
    help: 'Partial resyncs denied (sync_partial_err).',
    samples: eachMetric((x) => x.syncPartialErr),
  },
  {
    name: 'redis_master_link_up',
    type: 'gauge',
    help: "Whether the replica's link to its upstream is up (master_link_status:up).",
    samples: ({ links }) =>
      links.map((l) => ({
        labels: { addr: l.replica, master_addr: l.upstream },
        value: l.linkStatus === 'up' ? 1 : 0,
      })),
  },
  {
    name: 'redis_connected_slave_lag_seconds',
    type: 'gauge',
    help: "Seconds since the replica's last REPLCONF ACK, from the upstream's slaveN line (not data delay).",
    samples: eachLink(
      (l) => l.lagSeconds,
      (l) => ({ addr: l.upstream, slave_addr: l.replica }),
    ),
  },
  {
    name: 'replicaops_link_offset_gap_bytes',
    type: 'gauge',
    help: 'Upstream master_repl_offset minus replica slave_repl_offset, read in the same poll cycle.',
    samples: eachLink(
      (l) => l.offsetGapBytes,
      (l) => ({ upstream: l.upstream, replica: l.replica }),
    ),
  },
  {
    name: 'replicaops_link_status',
    type: 'gauge',
    help: 'Replication link status: 1 for the current one of up, down, sync.',
    samples: ({ links }) =>
      links.flatMap((l) =>
        LINK_STATUSES.map((s) => ({
          labels: { upstream: l.upstream, replica: l.replica, status: s },
          value: l.linkStatus === s ? 1 : 0,
        })),
      ),
  },
  { name: 'replicaops_findings_open', type: 'gauge', help: 'Open findings by kind and severity.', samples: openFindingSamples },
  {
    name: 'replicaops_poll_cycles_total',
    type: 'counter',
    help: 'Poll cycles completed since ReplicaOps started.',
    samples: (input) => [{ value: input.pollCycles }],
  },
  {
    name: 'replicaops_nodes',
    type: 'gauge',
    help: 'Nodes in the discovered topology.',
    samples: ({ nodes }) => [{ value: nodes.length }],
  },
];

export function replicationFamilies(input: ReplicationMetricsInput): MetricFamily[] {
  return CATALOGUE.map((f) => family(f.name, f.type, f.help, f.samples(input)));
}
