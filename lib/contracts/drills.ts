// Fault drills on the wire: scenarios offered, a drill run with its live steps, the scorecard,
// and the socket events that carry progress (docs/api.md, issue 7).
import { z } from 'zod';
import { NodeIdSchema } from './common';
import { BilingualSchema, CauseSchema, FindingKindSchema, SeveritySchema } from './findings';
import { TextRefSchema } from './text-ref';

export const DRILL_SCENARIO_IDS = [
  'network-interruption',
  'master-restart',
  'replica-failure',
  'auth-failure',
  'backlog-overflow',
  'buffer-limit-loop',
  'empty-master-restart',
  'writable-replica',
  'slow-link',
  'cluster-primary-failover',
  'cluster-lost-replica',
  'cluster-replica-cannot-failover',
  'sentinel-failover',
  'sentinel-quorum-loss',
  'sentinel-no-eligible-replica',
] as const;
export const DrillScenarioIdSchema = z.enum(DRILL_SCENARIO_IDS);
export type DrillScenarioId = z.infer<typeof DrillScenarioIdSchema>;

export const DrillIdSchema = z.string().regex(/^drill-[a-z0-9-]{4,40}$/, 'expected a drill id');

export const DrillStepKindSchema = z.enum([
  'inject',
  'wait',
  'write',
  'remove',
  'repair',
  'verify',
]);
export type DrillStepKind = z.infer<typeof DrillStepKindSchema>;

/** `waiting_operator`: guided mode holds here until the operator resumes. */
export const DrillStepStateSchema = z.enum([
  'pending',
  'running',
  'waiting_operator',
  'done',
  'failed',
  'skipped',
]);
export type DrillStepState = z.infer<typeof DrillStepStateSchema>;

export const DrillStepSchema = z.object({
  index: z.number().int().nonnegative(),
  kind: DrillStepKindSchema,
  label: BilingualSchema,
  state: DrillStepStateSchema,
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
  /** What happened, in English (e.g. the fault detail, or why a wait failed). */
  detail: z.string().optional(),
  /** The same as an i18n key + params, where it is a sentence (not Redis' words or figures). */
  detailText: TextRefSchema.optional(),
});
export type DrillStep = z.infer<typeof DrillStepSchema>;

export const ExpectedFindingSchema = z.object({
  kind: FindingKindSchema,
  /** Absent: any cause (or none) will do. */
  cause: CauseSchema.optional(),
});
export type ExpectedFinding = z.infer<typeof ExpectedFindingSchema>;

export const DrillExpectationSchema = z.object({
  what: BilingualSchema,
  passed: z.boolean(),
  /** What was seen, in English (the CLI table and older clients read this). */
  detail: z.string(),
  /** The same as an i18n key + params, rendered in the reader's language (the UI prefers it). */
  detailText: TextRefSchema.optional(),
});
export type DrillExpectation = z.infer<typeof DrillExpectationSchema>;

/** A finding the scenario did not list, opened while the drill ran. */
export const UnexpectedFindingSchema = z.object({
  kind: FindingKindSchema,
  severity: SeveritySchema,
  cause: CauseSchema.optional(),
  nodeId: NodeIdSchema.optional(),
  /** A tolerated side effect (listed by the scenario) does not fail the drill. */
  tolerated: z.boolean(),
});
export type UnexpectedFinding = z.infer<typeof UnexpectedFindingSchema>;

export const DrillScorecardSchema = z.object({
  scenario: DrillScenarioIdSchema,
  passed: z.boolean(),
  expectations: z.array(DrillExpectationSchema),
  timings: z.object({
    /** Fault injected → the first expected finding opened; null when it never did. */
    detectMs: z.number().nullable(),
    /** Fault removed (or the operator's repair) → every link up, nothing open; null = never. */
    recoverMs: z.number().nullable(),
  }),
  unexpected: z.array(UnexpectedFindingSchema),
});
export type DrillScorecard = z.infer<typeof DrillScorecardSchema>;

export const DrillRunStateSchema = z.enum(['running', 'paused', 'finished', 'error']);
export type DrillRunState = z.infer<typeof DrillRunStateSchema>;

export const DrillRunSchema = z.object({
  id: DrillIdSchema,
  scenario: DrillScenarioIdSchema,
  guided: z.boolean(),
  state: DrillRunStateSchema,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  actor: z.string(),
  steps: z.array(DrillStepSchema),
  /** Incidents the drill produced (tagged `drill`). */
  incidentIds: z.array(z.string()),
  scorecard: DrillScorecardSchema.optional(),
  error: z.string().optional(),
});
export type DrillRun = z.infer<typeof DrillRunSchema>;

export const DrillScenarioSummarySchema = z.object({
  id: DrillScenarioIdSchema,
  title: BilingualSchema,
  description: BilingualSchema,
  /** What the operator should do at the guided pause. */
  guidedHint: BilingualSchema,
  source: z.string(),
  needsProxy: z.boolean(),
  /** Runs on a Redis Cluster sandbox only (additive). */
  needsCluster: z.boolean().optional(),
  expected: z.array(ExpectedFindingSchema),
  maxDetectMs: z.number(),
  maxRecoverMs: z.number(),
  steps: z.array(z.object({ kind: DrillStepKindSchema, label: BilingualSchema })),
});
export type DrillScenarioSummary = z.infer<typeof DrillScenarioSummarySchema>;

// ── REST ──
export const StartDrillBodySchema = z
  .object({ scenario: DrillScenarioIdSchema, guided: z.boolean().optional() })
  .strict();
export type StartDrillBody = z.infer<typeof StartDrillBodySchema>;

export const DrillListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface DrillScenariosResponse {
  /** False when this server has no sandbox of its own: drills are refused (409). */
  available: boolean;
  scenarios: DrillScenarioSummary[];
}

// ── socket ──
export interface DrillProgress {
  id: string;
  state: DrillRunState;
  step: DrillStep;
}

/** Merge into ServerToClientEvents (lib/contracts/socket.ts). */
export interface DrillServerToClientEvents {
  'drill:progress': (progress: DrillProgress) => void;
  'drill:finished': (run: DrillRun) => void;
}
