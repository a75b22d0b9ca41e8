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
  // Persisted rollups only (range 24h/7d/30d): share of polls the node answered / its link was up.
  'reachable',
  'linkUp',
  'memoryUsedBytes',
  'realDelayMs',
]);
export type HistoryMetric = z.infer<typeof HistoryMetricSchema>;

/** One point: `t` ms since epoch, `v` value (null = no value that cycle, e.g. node unreachable). */
export const HistoryPointSchema = z.object({
  t: z.number(),
  v: z.number().nullable(),
  /** Rollup points only (range 24h/7d/30d): the bucket's lowest and highest value. */
  min: z.number().optional(),
  max: z.number().optional(),
});
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

/** Chart ranges: `1h` is the raw in-memory series, the others read the persisted rollups. */
export const HISTORY_RANGES_MS = { '1h': 3600_000, '24h': 24 * 3600_000, '7d': 7 * 24 * 3600_000, '30d': 30 * 24 * 3600_000 } as const;
export const HistoryRangeSchema = z.enum(['1h', '24h', '7d', '30d']);
export type HistoryRange = z.infer<typeof HistoryRangeSchema>;

export const HistoryQuerySchema = z.object({
  metric: HistoryMetricSchema,
  sinceMs: z.coerce.number().int().nonnegative().optional(),
  range: HistoryRangeSchema.optional(),
});

export const HistoryResponseSchema = z.object({
  nodeId: NodeIdSchema,
  metric: HistoryMetricSchema,
  /** Present when the request named a range (`24h`/`7d`/`30d`: rollup points). */
  range: HistoryRangeSchema.optional(),
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
  /** When `info` and `metrics` were read: the last good poll. */
  sampledAt: z.number().nullable(),
  /** true when the node does not answer now: every value below is from `sampledAt`. */
  stale: z.boolean().optional(),
  /** Every INFO section, every field as Redis printed it. */
  info: z.record(z.string(), z.record(z.string(), z.string())),
  /**
   * When each section of `info` was read (ms). Memory, persistence, clients, cpu and keyspace are
   * read on slower tiers than the poll (`poll.sectionEveryMs`), so they may be older than
   * `sampledAt`; `configAt` is the same for `config`.
   */
  sectionsReadAt: z.record(z.string(), z.number()).optional(),
  configAt: z.number().optional(),
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
