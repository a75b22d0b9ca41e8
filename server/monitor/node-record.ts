import type { NodeError, NodeMetrics, Role } from '../../lib/contracts';
import type { ClusterInfoReading } from '../../lib/cluster/cluster-parse';
import type { ParsedInfo } from '../../lib/info/info-types';

/** Everything the monitor remembers about one node between cycles. */
export interface NodeRecord {
  id: string;
  host: string;
  port: number;
  reachable: boolean;
  error?: NodeError;
  info?: ParsedInfo;
  infoAt?: number;
  /** The previous poll's counters only (`previousCounters`): what deltas and rates compare. */
  prevInfo?: ParsedInfo;
  /** The reading `prevInfo` was taken from: a quiet node's unchanged reading is not copied again. */
  prevInfoOf?: ParsedInfo;
  prevInfoAt?: number;
  metrics?: NodeMetrics;
  role: Role;
  upstream?: string;
  discoveredOnly: boolean;
  isSeed: boolean;
  firstSeenAt: number;
  lastSeenAt?: number;
  /** Last time the node answered or a neighbour named it; drives forgetting. */
  lastKnownAt: number;
  latencyMs?: number;
  /**
   * When each INFO section in `info` was read (slow-tier sections are carried from an earlier
   * poll of the same process, server/monitor/poll-tiers.ts).
   */
  sectionAt: Record<string, number>;
  /** Read every section (and CONFIG) on the next poll. */
  refreshAll: boolean;
  /** CONFIG GET of the replication settings (see CONFIG_PARAMS in server/redis/poll-config.ts), when allowed. */
  config?: Record<string, string>;
  configError?: string;
  configAt?: number;
  /** CLUSTER INFO from the poll's own pipeline (cluster nodes only) and when it was read. */
  clusterInfo?: ClusterInfoReading;
  clusterInfoAt?: number;
}
