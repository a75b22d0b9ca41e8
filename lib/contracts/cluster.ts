// Redis Cluster on the wire: `/api/topology`'s `cluster` object (shards, their slots, primary and
// replicas, health) and the per-node cluster facts the rules and the shard view read.
import { z } from 'zod';
import { NodeIdSchema, StatusSchema } from './common';

/** Inclusive slot range `[from, to]`, 0–16383. */
export const SlotRangeSchema = z.tuple([z.number().int().min(0).max(16383), z.number().int().min(0).max(16383)]);
export type SlotRange = z.infer<typeof SlotRangeSchema>;

/** CLUSTER NODES flags that mean trouble (`fail?` is reported as `pfail`). */
export const ClusterFlagSchema = z.enum(['fail', 'pfail', 'handshake', 'noaddr', 'nofailover']);
export type ClusterFlag = z.infer<typeof ClusterFlagSchema>;

export const ClusterMemberSchema = z.object({
  /** `host:port`; null for a node the cluster knows without an address (`noaddr`). */
  id: NodeIdSchema.nullable(),
  /** The 40-character cluster node id. */
  nodeId: z.string(),
  shardId: z.string(),
  role: z.enum(['primary', 'replica']),
  /** Cluster node id of the primary a replica follows. */
  primaryNodeId: z.string().optional(),
  /** `health` from CLUSTER SHARDS (`online`, `fail`/`failed`, `loading`); `unknown` when read from CLUSTER NODES. */
  health: z.string(),
  flags: z.array(ClusterFlagSchema),
  linkState: z.enum(['connected', 'disconnected']).optional(),
  configEpoch: z.number().optional(),
  replicationOffset: z.number().optional(),
  /** How many primaries (other than the node) flag it `pfail` or `fail`, out of `primariesAsked`. */
  failReports: z.number().int(),
  primariesAsked: z.number().int(),
});
export type ClusterMember = z.infer<typeof ClusterMemberSchema>;

export const ClusterShardSchema = z.object({
  /** `shard-id` when the server reports one (7.2+), else `slots-<first slot>` (or `node-<id>` when slotless). */
  id: z.string(),
  slots: z.array(SlotRangeSchema),
  primaryId: NodeIdSchema.nullable(),
  replicaIds: z.array(NodeIdSchema),
  health: StatusSchema,
  // Additive.
  slotCount: z.number().int(),
  /** Former members now failed and out of the shard (a killed primary after its replica took over). */
  failedIds: z.array(NodeIdSchema),
  /** Replicas replicating from a replica: impossible in Cluster, so shown as an anomaly. */
  chainedReplicaIds: z.array(NodeIdSchema),
});
export type ClusterShard = z.infer<typeof ClusterShardSchema>;

export const ClusterSchema = z.object({
  state: z.enum(['ok', 'fail', 'unknown']),
  slotsAssigned: z.number().int(),
  slotsOk: z.number().int(),
  currentEpoch: z.number().int(),
  shards: z.array(ClusterShardSchema),
  // Additive.
  slotsPfail: z.number().int(),
  slotsFail: z.number().int(),
  /** The node CLUSTER SHARDS (or NODES) was read from, and when. */
  readFrom: NodeIdSchema,
  readAt: z.number(),
  source: z.enum(['shards', 'nodes']),
  members: z.array(ClusterMemberSchema),
});
export type Cluster = z.infer<typeof ClusterSchema>;
