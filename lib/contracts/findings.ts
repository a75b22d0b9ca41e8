import { z } from 'zod';
import { NodeIdSchema } from './common';
import { TopologyEventSchema } from './topology';

/** Finding kinds (DESIGN.md; stable ids, add more when useful). */
export const FindingKindSchema = z.enum([
  'node_unreachable',
  'link_down',
  'replication_lag',
  'full_resync_storm',
  'sync_stuck',
  'backlog_too_small',
  'output_buffer_limit',
  'replica_writable',
  'data_inconsistency',
  'master_no_persistence',
  'replica_wiped',
  'role_changed',
  'split_brain',
  'replication_cycle',
  'config_risk',
  'memory_pressure',
  'persistence_failing',
  // Redis Cluster.
  'cluster_state_fail',
  'shard_without_replica',
  'replica_cannot_failover',
  'replicas_colocated',
  'uneven_replicas',
  'node_failed',
  'epoch_collision',
  // Redis Sentinel.
  'sentinel_quorum_lost',
  'sentinel_disagreement',
  'sentinel_tilt',
  'failover_in_progress',
  'failover_failed',
  'sentinel_unmonitored_replica',
  'sentinel_placement',
  'split_brain_unguarded',
]);
export type FindingKind = z.infer<typeof FindingKindSchema>;

/** Cause ids for link_down / node_unreachable / full_resync_storm (DESIGN.md). */
export const CauseSchema = z.enum([
  'upstream_down',
  'auth_failed',
  'connection_refused',
  'timeout',
  'backlog_exhausted',
  'output_buffer_limit',
  'replica_restarted',
  'unknown',
]);
export type Cause = z.infer<typeof CauseSchema>;

export const ConfidenceSchema = z.enum(['proven', 'likely']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

export const SeveritySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

/** Text in both UI languages. */
export const BilingualSchema = z.object({ en: z.string(), zh: z.string() });
export type Bilingual = z.infer<typeof BilingualSchema>;

export const LinkRefSchema = z.object({ upstream: NodeIdSchema, replica: NodeIdSchema });

/** What proves a finding: field values, counter deltas, topology events, config, log lines. */
export const EvidenceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('field'), nodeId: NodeIdSchema, section: z.string(), field: z.string(), value: z.string() }),
  z.object({
    type: z.literal('delta'),
    nodeId: NodeIdSchema,
    field: z.string(),
    from: z.number(),
    to: z.number(),
    windowMs: z.number(),
  }),
  z.object({
    type: z.literal('metric'),
    nodeId: NodeIdSchema,
    metric: z.string(),
    value: z.number().nullable(),
    threshold: z.number().optional(),
    unit: z.string().optional(),
  }),
  z.object({ type: z.literal('config'), nodeId: NodeIdSchema, name: z.string(), value: z.string() }),
  z.object({ type: z.literal('event'), event: TopologyEventSchema }),
  z.object({
    type: z.literal('log'),
    nodeId: NodeIdSchema,
    time: z.number().nullable(),
    message: z.string(),
    category: z.string(),
    verdict: z.string(),
    count: z.number().optional(),
  }),
  z.object({ type: z.literal('note'), text: BilingualSchema }),
]);
export type Evidence = z.infer<typeof EvidenceSchema>;

export const RemedySchema = z.object({
  /** What to do, in English (DESIGN.md `remedy.text`). */
  text: z.string(),
  /** The same in Simplified Chinese. */
  textZh: z.string(),
  /** Guarded action that does it, when one exists (e.g. `replica.resync`). */
  actionId: z.string().optional(),
  /** Prefill for the action dialog, e.g. `{ settings: { 'repl-backlog-size': '64mb' } }`. */
  params: z.record(z.string(), z.unknown()).optional(),
});
export type Remedy = z.infer<typeof RemedySchema>;

export const FindingSchema = z.object({
  id: z.string(),
  kind: FindingKindSchema,
  severity: SeveritySchema,
  nodeId: NodeIdSchema.optional(),
  link: LinkRefSchema.optional(),
  cause: CauseSchema.optional(),
  /** config_risk: which rule (e.g. `repl_timeout_vs_ping`). */
  rule: z.string().optional(),
  title: BilingualSchema,
  detail: BilingualSchema,
  openedAt: z.number(),
  lastSeenAt: z.number(),
  resolvedAt: z.number().optional(),
  state: z.enum(['open', 'resolved']),
  evidence: z.array(EvidenceSchema),
  remedy: RemedySchema,
  incidentId: z.string().optional(),
  /** This finding is a consequence of that open finding (a dead node's links, its canary…). */
  rootFindingId: z.string().optional(),
  /** How firmly `cause` is established: `proven` by a log line or a direct probe, `likely` from INFO. */
  confidence: ConfidenceSchema.optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
