import { z } from 'zod';
import { ClusterSchema } from './cluster';
import { NodeIdSchema, StatusSchema } from './common';
import { SentinelEventInfoSchema, SentinelGroupSchema, SentinelSchema } from './sentinel';

/** Why a node cannot be polled, from the connection error. */
export const NodeErrorCodeSchema = z.enum([
  'refused',
  'timeout',
  'auth_failed',
  'dns',
  'tls',
  'loading',
  'protocol',
  'unknown',
]);
export type NodeErrorCode = z.infer<typeof NodeErrorCodeSchema>;

export const NodeErrorSchema = z.object({ code: NodeErrorCodeSchema, message: z.string() });
export type NodeError = z.infer<typeof NodeErrorSchema>;

export const RoleSchema = z.enum(['master', 'replica', 'unknown']);
export type Role = z.infer<typeof RoleSchema>;

export const NodeSchema = z.object({
  id: NodeIdSchema,
  host: z.string(),
  port: z.number().int(),
  role: RoleSchema,
  reachable: z.boolean(),
  status: StatusSchema,
  error: NodeErrorSchema.optional(),
  runId: z.string().optional(),
  replId: z.string().optional(),
  /** `master_repl_offset` (bytes). */
  offset: z.number().optional(),
  // Additive fields beyond DESIGN.md's minimum.
  /** The upstream this node replicates from (or last did), when known. */
  upstream: NodeIdSchema.optional(),
  version: z.string().optional(),
  /** When the dashboard last got an answer from this node (ms since epoch). */
  lastSeenAt: z.number().optional(),
  /** True when the node is only known because a neighbour reported it (never polled OK). */
  discoveredOnly: z.boolean().optional(),
  keys: z.number().optional(),
  memoryPct: z.number().nullable().optional(),
  /** `used_memory` and `used_memory_rss` (bytes): shown whether or not maxmemory is set. */
  usedMemoryBytes: z.number().optional(),
  rssBytes: z.number().optional(),
  opsPerSec: z.number().optional(),
  /** Redis Cluster: the shard this node belongs to (see `cluster.shards`). */
  shardId: z.string().optional(),
});
export type TopologyNode = z.infer<typeof NodeSchema>;

export const LinkStatusSchema = z.enum(['up', 'down', 'sync']);
export type LinkStatus = z.infer<typeof LinkStatusSchema>;

export const SyncProgressSchema = z.object({
  readBytes: z.number(),
  /** null when Redis does not know the size yet (-1) or the transfer is diskless (0). */
  totalBytes: z.number().nullable(),
  /** 0–100, null when the total is unknown. */
  percent: z.number().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const LinkSchema = z.object({
  upstream: NodeIdSchema,
  replica: NodeIdSchema,
  linkStatus: LinkStatusSchema,
  /** upstream `master_repl_offset` − replica `slave_repl_offset`, same poll cycle. */
  offsetGapBytes: z.number().nullable(),
  /** `lag` from the upstream's slaveN line: seconds since the replica's last ACK. */
  lagSeconds: z.number().nullable(),
  status: StatusSchema,
  // Additive.
  lastIoSecondsAgo: z.number().nullable().optional(),
  /** `master_link_down_since_seconds` (-1: never up since it became a replica). */
  downSinceSeconds: z.number().nullable().optional(),
  sync: SyncProgressSchema.nullable().optional(),
  /** slaveN state seen on the upstream (`online`, `send_bulk`, `wait_bgsave`). */
  upstreamState: z.string().nullable().optional(),
});
export type Link = z.infer<typeof LinkSchema>;

export const TopologySchema = z.object({
  generatedAt: z.number(),
  nodes: z.array(NodeSchema),
  links: z.array(LinkSchema),
  /** Present when the seed is a Redis Cluster node (`cluster_enabled:1`). */
  cluster: ClusterSchema.optional(),
  /** Present when Sentinels are configured (sentinel:// seeds). */
  sentinels: z.array(SentinelSchema).optional(),
  groups: z.array(SentinelGroupSchema).optional(),
});
export type Topology = z.infer<typeof TopologySchema>;

export const TopologyEventKindSchema = z.enum([
  'node_added',
  'node_removed',
  'node_unreachable',
  'node_reachable',
  'role_changed',
  'upstream_changed',
  'replid_changed',
  'run_id_changed',
  'link_down',
  'link_up',
  'sentinel',
]);
export type TopologyEventKind = z.infer<typeof TopologyEventKindSchema>;

export const TopologyEventSchema = z.object({
  id: z.string(),
  at: z.number(),
  kind: TopologyEventKindSchema,
  nodeId: NodeIdSchema,
  /** Values before/after, e.g. `{ from: "master", to: "replica" }`. */
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  /** kind `sentinel`: the Sentinel event (type, who saw it, its text). */
  sentinel: SentinelEventInfoSchema.optional(),
});
export type TopologyEvent = z.infer<typeof TopologyEventSchema>;

/** Link identity: `replica<-upstream` is unique because a replica has one upstream. */
export function linkKey(link: Pick<Link, 'replica' | 'upstream'>): string {
  return `${link.replica}<-${link.upstream}`;
}
