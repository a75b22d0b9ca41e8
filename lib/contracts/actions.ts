// Guarded actions and the audit trail: REST shapes and socket events, declared once.
import { z } from 'zod';
import { NodeIdSchema } from './common';
import { BilingualSchema } from './findings';
import { SyncProgressSchema } from './topology';

export const ActionIdSchema = z.enum([
  'replica.reattach',
  'replica.reconnect',
  'replica.resync',
  'replica.promote',
  'config.apply',
  'config.revert',
  'cluster.failover',
  'cluster.replicate',
  'sentinel.set',
  'sentinel.reset',
]);
export type ActionId = z.infer<typeof ActionIdSchema>;

export const ActionRoleSchema = z.enum(['viewer', 'operator', 'admin']);

export const ActionRunIdSchema = z
  .string()
  .regex(/^run-[a-z0-9-]{4,60}$/, 'expected a run id like run-…');
export const ActionPlanIdSchema = z
  .string()
  .regex(/^plan-[a-z0-9-]{4,60}$/, 'expected a plan id like plan-…');

// ── params, one schema per action ──
export const ReattachParamsSchema = z
  .object({
    upstream: NodeIdSchema,
    /** Accept an upstream that is itself a replica (a deliberate chain). */
    allowChain: z.boolean().optional(),
  })
  .strict();
export const ReconnectParamsSchema = z.object({}).strict();
export const ResyncParamsSchema = z.object({}).strict();
export const PromoteParamsSchema = z
  .object({
    /** Re-point the other replicas of the old master to the promoted node. */
    repoint: z.boolean().optional(),
    /** Promote even though the candidate is behind (the missing bytes are lost). */
    force: z.boolean().optional(),
    /** Demote a reachable old master under the new one (default true). */
    fence: z.boolean().optional(),
  })
  .strict();
export const ConfigParamNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,60}$/, 'expected a Redis config parameter name');
export const ConfigApplyParamsSchema = z
  .object({
    settings: z
      .record(ConfigParamNameSchema, z.string().max(500))
      .refine(
        (s) => Object.keys(s).length > 0 && Object.keys(s).length <= 20,
        'give 1–20 settings',
      ),
    /** Also persist them to redis.conf with CONFIG REWRITE. */
    rewrite: z.boolean().optional(),
    /** Accept a computed data loss or write outage (evicting maxmemory): admin, reason, typed id. */
    force: z.boolean().optional(),
  })
  .strict();
export const ConfigRevertParamsSchema = z
  .object({
    runId: ActionRunIdSchema,
    /** As config.apply's: setting the old values back can evict or block writes by now. */
    force: z.boolean().optional(),
  })
  .strict();

/** CLUSTER FAILOVER on a replica: default (waits for offsets to match), FORCE or TAKEOVER. */
export const ClusterFailoverParamsSchema = z.object({ mode: z.enum(['default', 'force', 'takeover']).optional() }).strict();
/** CLUSTER REPLICATE on the target: make it a replica of `primary` (a primary of the same cluster). */
export const ClusterReplicateParamsSchema = z.object({ primary: NodeIdSchema }).strict();

/**
 * SENTINEL SET <name> on every Sentinel of the target's group: only the settings the Redis docs
 * list for tuning failover (no scripts, no auth), each within a range Sentinel can act on.
 */
export const SentinelSettingsSchema = z
  .object({
    quorum: z.number().int().min(1).max(100).optional(),
    'down-after-milliseconds': z.number().int().min(100).max(86_400_000).optional(),
    'failover-timeout': z.number().int().min(1000).max(86_400_000).optional(),
    'parallel-syncs': z.number().int().min(1).max(100).optional(),
  })
  .strict()
  .refine((s) => Object.keys(s).length > 0, 'give at least one setting');
export type SentinelSettings = z.infer<typeof SentinelSettingsSchema>;
export const SentinelSetParamsSchema = z.object({ settings: SentinelSettingsSchema }).strict();
/** SENTINEL RESET <name> on every Sentinel of the target's group, one after the other. */
export const SentinelResetParamsSchema = z.object({}).strict();

export const ACTION_PARAMS_SCHEMAS = {
  'replica.reattach': ReattachParamsSchema,
  'replica.reconnect': ReconnectParamsSchema,
  'replica.resync': ResyncParamsSchema,
  'replica.promote': PromoteParamsSchema,
  'config.apply': ConfigApplyParamsSchema,
  'config.revert': ConfigRevertParamsSchema,
  'cluster.failover': ClusterFailoverParamsSchema,
  'cluster.replicate': ClusterReplicateParamsSchema,
  'sentinel.set': SentinelSetParamsSchema,
  'sentinel.reset': SentinelResetParamsSchema,
} as const satisfies Record<ActionId, z.ZodType>;
export type ActionParams<A extends ActionId> = z.infer<(typeof ACTION_PARAMS_SCHEMAS)[A]>;

// ── catalog ──
export const ActionCatalogEntrySchema = z.object({
  id: ActionIdSchema,
  title: BilingualSchema,
  description: BilingualSchema,
  /** Destructive actions need admin, a reason and the node id typed; a plan may escalate others. */
  destructive: z.boolean(),
  role: ActionRoleSchema,
  approvalRequired: z.boolean(),
  /** JSON Schema of `params`, for the dialog's form. */
  paramsSchema: z.record(z.string(), z.unknown()),
});
export type ActionCatalogEntry = z.infer<typeof ActionCatalogEntrySchema>;
export const ActionCatalogSchema = z.object({
  actions: z.array(ActionCatalogEntrySchema),
  readOnly: z.boolean(),
});

// ── plan ──
export const ActionPlanRequestSchema = z
  .object({
    action: ActionIdSchema,
    target: NodeIdSchema,
    params: z.record(z.string(), z.unknown()).default({}),
    /** The finding whose "Fix" opened the dialog; its incident gets the action on its timeline. */
    findingId: z.string().max(200).optional(),
  })
  .strict();
export type ActionPlanRequest = z.infer<typeof ActionPlanRequestSchema>;

export const ActionPlanStepSchema = z.object({
  nodeId: NodeIdSchema,
  /** The exact command as it will be sent; secrets shown as ***. */
  command: z.string(),
  why: BilingualSchema,
});
export type ActionPlanStep = z.infer<typeof ActionPlanStepSchema>;

export const PreflightCheckSchema = z.object({
  check: z.string(),
  ok: z.boolean(),
  detail: z.string(),
  detailZh: z.string().optional(),
});
export type PreflightCheck = z.infer<typeof PreflightCheckSchema>;

export const ActionConfirmationSchema = z.object({
  role: ActionRoleSchema,
  /** Text the user must type to confirm (the target node id), for destructive plans. */
  typed: z.string().optional(),
  reasonRequired: z.boolean(),
  approvalRequired: z.boolean(),
});
export type ActionConfirmation = z.infer<typeof ActionConfirmationSchema>;

/**
 * What one parameter would do to the node, computed from its live INFO/CONFIG (config.apply):
 * `refused` makes the plan not allowed, `destructive` escalates its confirmation.
 */
export const ActionEffectSchema = z.object({
  setting: z.string(),
  value: z.string(),
  /** Stable id of the effect, e.g. `maxmemory_evicts`, `output_buffer_breaks_replication`. */
  code: z.string(),
  level: z.enum(['safe', 'destructive', 'refused']),
  text: BilingualSchema,
  /** The effect is a data loss or write outage that only `force` (admin) accepts. */
  forced: z.boolean().optional(),
  /** Estimated keys / bytes an evicting maxmemory removes at once. */
  evictKeys: z.number().int().optional(),
  evictBytes: z.number().int().optional(),
});
export type ActionEffect = z.infer<typeof ActionEffectSchema>;

export const ActionPlanSchema = z.object({
  id: ActionPlanIdSchema,
  action: ActionIdSchema,
  target: NodeIdSchema,
  params: z.record(z.string(), z.unknown()),
  steps: z.array(ActionPlanStepSchema),
  preflight: z.array(PreflightCheckSchema),
  allowed: z.boolean(),
  destructive: z.boolean(),
  confirmation: ActionConfirmationSchema,
  warnings: z.array(BilingualSchema),
  /** config.apply: the computed effect of each setting on the node, in both languages. */
  effects: z.array(ActionEffectSchema).optional(),
  createdAt: z.number(),
  createdBy: z.string(),
  expiresAt: z.number(),
  findingId: z.string().optional(),
  incidentId: z.string().optional(),
  approvedBy: z.string().optional(),
  approvedAt: z.number().optional(),
});
export type ActionPlan = z.infer<typeof ActionPlanSchema>;

export const ActionExecuteBodySchema = z
  .object({
    confirm: z.string().max(300).optional(),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();
export type ActionExecuteBody = z.infer<typeof ActionExecuteBodySchema>;
export const ActionExecuteResultSchema = z.object({ runId: ActionRunIdSchema });

// ── runs ──
export const ActionRunStateSchema = z.enum([
  'running',
  'succeeded',
  'failed',
  'rolled_back',
  'interrupted',
]);
export type ActionRunState = z.infer<typeof ActionRunStateSchema>;
export const ActionRunStepStateSchema = z.enum(['pending', 'running', 'ok', 'failed', 'skipped']);

export const ActionRunStepSchema = ActionPlanStepSchema.extend({
  index: z.number().int(),
  state: ActionRunStepStateSchema,
  result: z.string().optional(),
  error: z.string().optional(),
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
});
export type ActionRunStep = z.infer<typeof ActionRunStepSchema>;

/** What a node looked like when the run ended (or stopped): the operator's next starting point. */
export const RunNodeStateSchema = z.object({
  nodeId: NodeIdSchema,
  reachable: z.boolean(),
  role: z.string().optional(),
  upstream: z.string().optional(),
  linkStatus: z.string().optional(),
  offset: z.number().optional(),
  error: z.string().optional(),
});
export type RunNodeState = z.infer<typeof RunNodeStateSchema>;

export const ActionRunSchema = z.object({
  id: ActionRunIdSchema,
  planId: ActionPlanIdSchema,
  action: ActionIdSchema,
  target: NodeIdSchema,
  params: z.record(z.string(), z.unknown()),
  state: ActionRunStateSchema,
  actor: z.string(),
  role: ActionRoleSchema,
  reason: z.string().optional(),
  approvedBy: z.string().optional(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  steps: z.array(ActionRunStepSchema),
  verify: z.array(PreflightCheckSchema),
  nodeStates: z.array(RunNodeStateSchema),
  error: z.string().optional(),
  /** config.apply: what `config.revert` would set back. */
  revert: z.object({ settings: z.record(z.string(), z.string()), rewrite: z.boolean() }).optional(),
  findingId: z.string().optional(),
  incidentId: z.string().optional(),
});
export type ActionRun = z.infer<typeof ActionRunSchema>;

export const ActionRunListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

// ── socket events ──
export const ActionProgressSchema = z.object({
  runId: ActionRunIdSchema,
  action: ActionIdSchema,
  target: NodeIdSchema,
  at: z.number(),
  phase: z.enum(['step', 'sync', 'verify', 'rollback']),
  stepIndex: z.number().int().optional(),
  stepState: ActionRunStepStateSchema.optional(),
  message: BilingualSchema,
  /** Full resync: bytes received from `master_sync_read_bytes` / `master_sync_total_bytes`. */
  sync: SyncProgressSchema.optional(),
});
export type ActionProgress = z.infer<typeof ActionProgressSchema>;

/** Merge into ServerToClientEvents (lib/contracts/socket.ts). */
export interface ActionServerToClientEvents {
  'action:progress': (progress: ActionProgress) => void;
  'action:finished': (run: ActionRun) => void;
}

// ── audit ──
export const AuditKindSchema = z.enum([
  // The audit key's first use: the entries before it were chained with plain SHA-256.
  'audit.key_introduced',
  'run.started',
  'run.finished',
  'run.refused',
  'run.interrupted',
  'plan.approved',
  'plan.created',
]);
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.number(),
  kind: AuditKindSchema,
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string(),
  runId: z.string().nullable(),
  planId: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
});
export const AuditVerifySchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBadId: z.number().int().optional(),
  /** The newest entries were removed: the chain is intact up to this id, the anchor counts more. */
  truncatedAfter: z.number().int().optional(),
  problem: z.string().optional(),
  /** Where the HMAC-SHA-256 chain begins (entries before it were chained with SHA-256). */
  keyedSince: z.number().int().optional(),
  /** The head as recorded outside the table (the anchor file): compare with copies kept elsewhere. */
  anchor: z
    .object({
      entries: z.number().int(),
      lastId: z.number().int(),
      head: z.string(),
      at: z.number(),
    })
    .optional(),
});
export type AuditVerify = z.infer<typeof AuditVerifySchema>;
