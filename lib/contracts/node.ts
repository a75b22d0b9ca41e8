import { z } from 'zod';
import { NodeIdSchema } from './common';
import { NodeSchema, LinkSchema } from './topology';

/** Per-node figures derived from two consecutive polls. */
export const NodeMetricsSchema = z.object({
  opsPerSec: z.number().nullable(),
  replInputKbps: z.number().nullable(),
  replOutputKbps: z.number().nullable(),
  /** Counter deltas since the previous poll (master side counters). */
  syncFullDelta: z.number().nullable(),
  syncPartialOkDelta: z.number().nullable(),
  syncPartialErrDelta: z.number().nullable(),
  syncFull: z.number().nullable(),
  syncPartialOk: z.number().nullable(),
  syncPartialErr: z.number().nullable(),
  usedMemoryBytes: z.number().nullable(),
  maxmemoryBytes: z.number().nullable(),
  /** used / maxmemory × 100; null when maxmemory is 0 (no limit). */
  memoryPct: z.number().nullable(),
  /** `used_memory_rss` (bytes). Optional for older clients of the API. */
  rssBytes: z.number().nullable().optional(),
  keys: z.number().nullable(),
  connectedClients: z.number().nullable(),
  /** Bytes of replication stream produced per second (master_repl_offset delta / s). */
  replOffsetRate: z.number().nullable(),
  /**
   * CPU time used since the previous poll, % of one core (used_cpu_sys + used_cpu_user, all
   * threads, forked children excluded). Redis applies writes on one thread: near 100 % it is
   * saturated. Optional for older clients of the API.
   */
  cpuPct: z.number().nullable().optional(),
});
export type NodeMetrics = z.infer<typeof NodeMetricsSchema>;

export const HistoryMetricSchema = z.enum([
  'offsetGapBytes',
  'lagSeconds',
  'opsPerSec',
  'memoryPct',
  'usedMemoryBytes',
  'rssBytes',
  'replInputKbps',
  'replOutputKbps',
  'keys',
  'syncFullDelta',
  'syncPartialOkDelta',
  'syncPartialErrDelta',
  'replOffsetRate',
  'cpuPct',
]);
export type HistoryMetric = z.infer<typeof HistoryMetricSchema>;

/** One point: `t` ms since epoch, `v` value (null = no value that cycle, e.g. node unreachable). */
export const HistoryPointSchema = z.object({ t: z.number(), v: z.number().nullable() });
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

export const HistoryQuerySchema = z.object({
  metric: HistoryMetricSchema,
  sinceMs: z.coerce.number().int().nonnegative().optional(),
});

export const HistoryResponseSchema = z.object({
  nodeId: NodeIdSchema,
  metric: HistoryMetricSchema,
  points: z.array(HistoryPointSchema),
});
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;

/** GET /api/nodes/:id — latest parsed INFO (all sections) + derived metrics. */
export const NodeDetailSchema = z.object({
  node: NodeSchema,
  /** The link from this node to its upstream, when it is a replica. */
  link: LinkSchema.nullable(),
  /** Links from this node's replicas to it. */
  downstream: z.array(LinkSchema),
  sampledAt: z.number().nullable(),
  /** Every INFO section, every field as Redis printed it. */
  info: z.record(z.string(), z.record(z.string(), z.string())),
  metrics: NodeMetricsSchema.nullable(),
  /** Replication settings read with CONFIG GET (no secrets); null when CONFIG is not allowed. */
  config: z.record(z.string(), z.string()).nullable().optional(),
  configError: z.string().optional(),
});
export type NodeDetail = z.infer<typeof NodeDetailSchema>;

/** One poll's worth of chartable values for one node (pushed live to node watchers). */
export const NodeSampleSchema = z.object({
  nodeId: NodeIdSchema,
  t: z.number(),
  values: z.partialRecord(HistoryMetricSchema, z.number().nullable()),
});
export type NodeSample = z.infer<typeof NodeSampleSchema>;
