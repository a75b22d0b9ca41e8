// Redis Sentinel as the dashboard sees it: each Sentinel's view of the masters it watches, and
// one group per monitored master name (what the Sentinels agree on). Additive to /api/topology.
import { z } from 'zod';
import { NodeIdSchema } from './common';

export const SentinelMasterViewSchema = z.object({
  name: z.string(),
  /** Where this Sentinel thinks the master is (`ip:port`, through `discovery.aliases`). */
  masterId: NodeIdSchema,
  /** `flags` of SENTINEL MASTERS, split: `master`, `s_down`, `o_down`, `failover_in_progress`… */
  flags: z.array(z.string()),
  quorum: z.number(),
  numOtherSentinels: z.number(),
  numSlaves: z.number(),
  /** `failover-state` while this Sentinel leads a failover (e.g. `wait_promotion`). */
  failoverState: z.string().optional(),
  // Additive: Sentinel's own settings for this master, shown beside the group.
  downAfterMs: z.number().optional(),
  failoverTimeoutMs: z.number().optional(),
  parallelSyncs: z.number().optional(),
});
export type SentinelMasterView = z.infer<typeof SentinelMasterViewSchema>;

export const SentinelSchema = z.object({
  /** `host:port` of the Sentinel. */
  id: NodeIdSchema,
  host: z.string(),
  port: z.number().int(),
  reachable: z.boolean(),
  masters: z.array(SentinelMasterViewSchema),
  // Additive.
  /** Why it cannot be reached (connection error text, secrets removed). */
  error: z.string().optional(),
  /** `sentinel_tilt:1` in INFO sentinel: it stopped acting (clock jump or a stalled process). */
  tilt: z.boolean().optional(),
  /** How it became known: a seed, or named by another Sentinel (SENTINEL SENTINELS). */
  source: z.enum(['seed', 'discovered']).optional(),
});
export type Sentinel = z.infer<typeof SentinelSchema>;

export const SentinelReplicaViewSchema = z.object({
  id: NodeIdSchema,
  flags: z.array(z.string()),
  /** `slave-priority`: 0 means Sentinel never promotes it. */
  priority: z.number().nullable(),
  masterLinkStatus: z.string().nullable(),
});
export type SentinelReplicaView = z.infer<typeof SentinelReplicaViewSchema>;

export const SentinelFailoverPhaseSchema = z.object({
  /** Sentinel's event type, e.g. `+odown`, `+elected-leader`, `+switch-master`. */
  type: z.string(),
  at: z.number(),
  /** Milliseconds since the previous phase (0 for the first). */
  sincePrevMs: z.number(),
});

export const SentinelFailoverSchema = z.object({
  state: z.enum(['in_progress', 'done', 'failed']),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  from: NodeIdSchema,
  /** The replica Sentinel selected (known from `+selected-slave`). */
  to: NodeIdSchema.optional(),
  phases: z.array(SentinelFailoverPhaseSchema),
  /** The event that ended it badly (`-failover-abort-no-good-slave`, `+failover-end-for-timeout`). */
  reason: z.string().optional(),
});
export type SentinelFailover = z.infer<typeof SentinelFailoverSchema>;

export const SentinelGroupSchema = z.object({
  /** The master name Sentinel monitors. */
  name: z.string(),
  /** What most reachable Sentinels name as master; null when none is reachable. */
  masterId: NodeIdSchema.nullable(),
  quorum: z.number().nullable(),
  sentinelIds: z.array(NodeIdSchema),
  /** SENTINEL CKQUORUM from a reachable Sentinel. */
  ckquorum: z.object({ ok: z.boolean(), message: z.string() }),
  tilt: z.boolean(),
  // Additive.
  reachableSentinelIds: z.array(NodeIdSchema).optional(),
  /** Each reachable Sentinel's answer, when they differ the group is split. */
  masterViews: z.array(z.object({ sentinelId: NodeIdSchema, masterId: NodeIdSchema })).optional(),
  /** SENTINEL REPLICAS as the first reachable Sentinel lists them. */
  replicas: z.array(SentinelReplicaViewSchema).optional(),
  downAfterMs: z.number().optional(),
  failoverTimeoutMs: z.number().optional(),
  parallelSyncs: z.number().optional(),
  /** The latest failover Sentinel announced for this name (live events). */
  failover: SentinelFailoverSchema.optional(),
});
export type SentinelGroup = z.infer<typeof SentinelGroupSchema>;

/** A Sentinel event as one timeline entry: deduplicated across the Sentinels that saw it. */
export const SentinelEventInfoSchema = z.object({
  type: z.string(),
  masterName: z.string().optional(),
  /** Sentinels that published it (within a few seconds of each other). */
  seenBy: z.array(NodeIdSchema),
  /** The message as Sentinel wrote it (first Sentinel). */
  text: z.string(),
});
export type SentinelEventInfo = z.infer<typeof SentinelEventInfoSchema>;
