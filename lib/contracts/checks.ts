// Wire contract of the on-demand checks (issue 6): canary propagation, master–replica data
// comparison, and the heartbeat delay samples. REST bodies, run shapes and socket events.
import { z } from 'zod';
import { NodeIdSchema } from './common';
import { TextRefSchema } from './text-ref';

export const CheckKindSchema = z.enum(['canary', 'compare']);
export type CheckKind = z.infer<typeof CheckKindSchema>;

export const CheckStateSchema = z.enum(['running', 'done', 'cancelled', 'failed']);
export type CheckState = z.infer<typeof CheckStateSchema>;

export const CompareModeSchema = z.enum(['sample', 'full']);
export type CompareMode = z.infer<typeof CompareModeSchema>;

/** The five ways a key can differ; also the keys of `counts` and `examples`. */
export const DiffClassSchema = z.enum(['missingOnReplica', 'extraOnReplica', 'typeMismatch', 'valueMismatch', 'ttlMismatch']);
export type DiffClass = z.infer<typeof DiffClassSchema>;
export const DIFF_CLASSES = DiffClassSchema.options;

// ── REST bodies ─────────────────────────────────────────────────────────────────────────────

/** POST /api/checks/compare. `sampleSize` only matters in `sample` mode (default from config). */
export const CompareRequestSchema = z
  .object({
    replica: NodeIdSchema,
    mode: CompareModeSchema.default('sample'),
    sampleSize: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();
export type CompareRequest = z.infer<typeof CompareRequestSchema>;

/** POST /api/checks/canary. Without `master`, every master that has replicas gets a canary. */
export const CanaryRequestSchema = z
  .object({
    master: NodeIdSchema.optional(),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  })
  .strict();
export type CanaryRequest = z.infer<typeof CanaryRequestSchema>;

export const CheckListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });
export const CheckExportQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });
export const CheckIdSchema = z.string().regex(/^chk-[a-z0-9-]{1,60}$/, 'expected a check id like chk-…');

// ── progress and reports ────────────────────────────────────────────────────────────────────

export const CheckProgressSchema = z.object({
  done: z.number(),
  /** Estimated for `full` (DBSIZE of both sides at the start); keys may come and go meanwhile. */
  total: z.number(),
  /** Keys (compare) or replicas (canary) per second over the last few seconds. */
  rate: z.number(),
  /** null until a rate is known. */
  etaMs: z.number().nullable(),
});
export type CheckProgress = z.infer<typeof CheckProgressSchema>;

/** One differing key as the report shows it. Values are never copied, only described. */
export const DiffExampleSchema = z.object({
  db: z.number(),
  /** Printable form: UTF-8 when valid, `\xNN` escapes otherwise. */
  key: z.string(),
  /** Type on the master (or on the replica for `extraOnReplica`). */
  type: z.string(),
  /** What differs (or why the key was skipped), in English. */
  detail: z.string(),
  /** The same as an i18n key + params, rendered in the reader's language (the UI prefers it). */
  detailText: TextRefSchema.optional(),
});
export type DiffExample = z.infer<typeof DiffExampleSchema>;

export const CompareReportSchema = z.object({
  master: NodeIdSchema,
  replica: NodeIdSchema,
  mode: CompareModeSchema,
  counts: z.record(DiffClassSchema, z.number()),
  /** First `examplesPerClass` keys of each class. */
  examples: z.record(DiffClassSchema, z.array(DiffExampleSchema)),
  /** Keys read on the master side (forward pass) and on the replica side (reverse pass). */
  keysCompared: z.number(),
  keysCheckedOnReplica: z.number(),
  /** Keys that differed at first read and were re-read after the replica caught up. */
  rechecked: z.number(),
  /** Keys whose DUMP payloads differed and were compared by reading their values. */
  canonicalReads: z.number(),
  /** Keys that could not be compared (module types, above maxCanonicalElements), with why. */
  skipped: z.number(),
  skippedExamples: z.array(DiffExampleSchema),
  dbs: z.array(z.number()),
  rounds: z.number(),
  /** How often the master's PING latency made the run slow down. */
  backoffs: z.number(),
  /** Master PING latency during the run (ms). */
  masterLatencyMs: z.object({ p50: z.number().nullable(), max: z.number().nullable() }),
});
export type CompareReport = z.infer<typeof CompareReportSchema>;

export const CanaryReplicaResultSchema = z.object({
  replica: NodeIdSchema,
  upstream: NodeIdSchema,
  master: NodeIdSchema,
  /** 1 = direct replica, 2 = replica of a replica, … */
  depth: z.number(),
  seen: z.boolean(),
  /** From sending the write to the master to the first read on this replica that saw it (~1 ms resolution). */
  propagationMs: z.number().nullable(),
  error: z.string().optional(),
});
export type CanaryReplicaResult = z.infer<typeof CanaryReplicaResultSchema>;

export const CanaryReportSchema = z.object({
  masters: z.array(NodeIdSchema),
  /** The key written (one per master, same name), deleted again at the end. */
  key: z.string(),
  timeoutMs: z.number(),
  replicas: z.array(CanaryReplicaResultSchema),
  failed: z.number(),
});
export type CanaryReport = z.infer<typeof CanaryReportSchema>;

const RunBase = {
  id: z.string(),
  state: CheckStateSchema,
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  error: z.string().optional(),
  progress: CheckProgressSchema,
};

export const CheckRunSchema = z.discriminatedUnion('kind', [
  z.object({
    ...RunBase,
    kind: z.literal('compare'),
    params: z.object({ master: NodeIdSchema, replica: NodeIdSchema, mode: CompareModeSchema, sampleSize: z.number() }),
    /** Partial while running; final when done (also when cancelled or failed: what was seen). */
    report: CompareReportSchema,
  }),
  z.object({
    ...RunBase,
    kind: z.literal('canary'),
    params: z.object({ masters: z.array(NodeIdSchema), timeoutMs: z.number() }),
    report: CanaryReportSchema,
  }),
]);
export type CheckRun = z.infer<typeof CheckRunSchema>;
export type CompareRun = Extract<CheckRun, { kind: 'compare' }>;
export type CanaryRun = Extract<CheckRun, { kind: 'canary' }>;

/** GET /api/checks rows: the run without its examples. */
export const CheckSummarySchema = z.object({
  id: z.string(),
  kind: CheckKindSchema,
  state: CheckStateSchema,
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  error: z.string().optional(),
  progress: CheckProgressSchema,
  /** compare: replica and master; canary: the masters. */
  nodes: z.array(z.string()),
  /** compare: `counts`; canary: `{ failed, replicas }`. */
  counts: z.record(z.string(), z.number()),
});
export type CheckSummary = z.infer<typeof CheckSummarySchema>;

/** GET /api/checks. */
export const CheckListResponseSchema = z.object({ checks: z.array(CheckSummarySchema) });

/** 202 of POST /api/checks/canary and /api/checks/compare: the run to watch. */
export const CheckStartedSchema = z.object({ id: z.string() });

/** DELETE /api/checks/:id: the run stops at its next step; `check:done` brings its end. */
export const CheckCancelResponseSchema = z.object({ id: z.string(), state: z.literal('cancelling') });

// ── heartbeat ───────────────────────────────────────────────────────────────────────────────

export const HeartbeatSampleSchema = z.object({
  nodeId: NodeIdSchema,
  t: z.number(),
  /**
   * Time from writing the latest heartbeat on the master to seeing it on this replica (ms, one
   * clock). null when it did not show within `windowMs` (see `overWindow`) or before the first.
   */
  delayMs: z.number().nullable(),
  /** false: the replica did not answer the reads of this heartbeat. */
  answered: z.boolean(),
  /** The heartbeat did not show on this replica within `windowMs`: the delay is "> windowMs". */
  overWindow: z.boolean().optional(),
  /** How long each heartbeat is looked for on the replicas (ms). */
  windowMs: z.number().optional(),
});
export type HeartbeatSample = z.infer<typeof HeartbeatSampleSchema>;

// ── socket.io (to merge into ServerToClientEvents) ──────────────────────────────────────────

export interface CheckProgressEvent {
  id: string;
  kind: CheckKind;
  state: CheckState;
  progress: CheckProgress;
}

export interface CheckServerToClientEvents {
  /** At most ~4 per second per running check. */
  'check:progress': (event: CheckProgressEvent) => void;
  /** Once per run, with the final report (state done, cancelled or failed). */
  'check:done': (run: CheckRun) => void;
  /** One per heartbeat read cycle: every replica's delay. */
  'heartbeat:update': (samples: HeartbeatSample[]) => void;
}
