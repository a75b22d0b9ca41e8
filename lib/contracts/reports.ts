// The health report as `GET /api/reports` serves it (format=json) and the Reports page renders
// it; lib/reports builds it. Reasons are i18n keys, rendered in the reader's language.
import { z } from 'zod';
import { en } from '../i18n/en';
import type { MessageKey } from '../i18n';

export const ReportPeriodSchema = z.enum(['day', 'week', 'month']);
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>;

export const CheckStatusSchema = z.enum(['ok', 'warn', 'fail']);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

export const ReportCheckSchema = z.object({
  /** Stable id, e.g. `availability`, `lag`, `memory`, `advice.relay`. */
  id: z.string(),
  status: CheckStatusSchema,
  /** i18n key of the reason, with its parameters (rendered in the reader's language). */
  reason: z.string().refine(isMessageKey, 'expected a known message key'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Incidents this check's worst episodes belong to. */
  incidentIds: z.array(z.string()).optional(),
});
export type ReportCheck = z.infer<typeof ReportCheckSchema>;

export const EpisodeSchema = z.object({
  from: z.number(),
  to: z.number(),
  peak: z.number(),
  incidentIds: z.array(z.string()),
});
export type Episode = z.infer<typeof EpisodeSchema>;

const SpreadSchema = z.object({ p50: z.number(), p95: z.number(), max: z.number() });

export const NodeFiguresSchema = z.object({
  coveredMinutes: z.number(),
  unreachableMinutes: z.number(),
  linkDownMinutes: z.number().nullable(),
  lag: SpreadSchema.nullable(),
  delayMs: SpreadSchema.nullable(),
  fullResyncs: z.number(),
  partialOk: z.number(),
  partialErr: z.number(),
  memoryPeakPct: z.number().nullable(),
  memoryPeakBytes: z.number().nullable(),
  memoryGrowthPerWeekBytes: z.number().nullable(),
  daysUntilMaxmemory: z.number().nullable(),
  cpuPeakPct: z.number().nullable(),
  cpuAvgPct: z.number().nullable(),
  forkMaxUsec: z.number().nullable(),
  worstLagEpisodes: z.array(EpisodeSchema),
  downEpisodes: z.array(EpisodeSchema),
});
export type NodeFigures = z.infer<typeof NodeFiguresSchema>;

export const NodeReportSchema = z.object({
  id: z.string(),
  role: z.string(),
  upstream: z.string().optional(),
  status: CheckStatusSchema,
  figures: NodeFiguresSchema,
  checks: z.array(ReportCheckSchema),
});
export type NodeReport = z.infer<typeof NodeReportSchema>;

/** An incident title in both languages (the incident's `titleI18n`). */
export const ReportTitleSchema = z.object({ en: z.string(), zh: z.string() });
export type ReportTitle = z.infer<typeof ReportTitleSchema>;

/** What a report says of an incident wherever it names one. */
export const IncidentBaseSchema = z.object({
  id: z.string(),
  title: z.string(),
  titleI18n: ReportTitleSchema.optional(),
  severity: z.string(),
  state: z.string(),
  openedAt: z.number(),
  resolvedAt: z.number().optional(),
});
export type IncidentBase = z.infer<typeof IncidentBaseSchema>;

export const IncidentSummarySchema = IncidentBaseSchema.extend({
  /** Upper bound: the start of the first bad bucket to the incident opening (the fault began within that bucket). */
  detectMs: z.number().optional(),
  recoverMs: z.number().optional(),
});
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

/** Which period of which topology a report covers, and from what bucket width. */
export const ReportFrameSchema = z.object({
  period: ReportPeriodSchema,
  from: z.number(),
  to: z.number(),
  generatedAt: z.number(),
  topology: z.string(),
  /** Bucket width the figures come from (ms). */
  resolutionMs: z.number(),
});
export type ReportFrame = z.infer<typeof ReportFrameSchema>;

/** GET /api/reports (format=json). */
export const HealthReportSchema = ReportFrameSchema.extend({
  status: CheckStatusSchema,
  checks: z.array(ReportCheckSchema),
  nodes: z.array(NodeReportSchema),
  incidents: z.array(IncidentSummarySchema),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;
