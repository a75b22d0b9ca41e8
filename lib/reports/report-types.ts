// The health report's shape: what the builder returns, the API serves and the page renders.
import type { RollupRow } from '../history/rollup';
import type { MessageKey } from '../i18n';

export type ReportPeriod = 'day' | 'week' | 'month';
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface ReportCheck {
  /** Stable id, e.g. `availability`, `lag`, `memory`, `advice.relay`. */
  id: string;
  status: CheckStatus;
  /** i18n key of the reason, with its parameters (rendered in the reader's language). */
  reason: MessageKey;
  params?: Record<string, string | number>;
  /** Incidents this check's worst episodes belong to. */
  incidentIds?: string[];
}

export interface Episode {
  from: number;
  to: number;
  peak: number;
  incidentIds: string[];
}

export interface NodeFigures {
  coveredMinutes: number;
  unreachableMinutes: number;
  linkDownMinutes: number | null;
  lag: { p50: number; p95: number; max: number } | null;
  delayMs: { p50: number; p95: number; max: number } | null;
  fullResyncs: number;
  partialOk: number;
  partialErr: number;
  memoryPeakPct: number | null;
  memoryPeakBytes: number | null;
  memoryGrowthPerWeekBytes: number | null;
  daysUntilMaxmemory: number | null;
  cpuPeakPct: number | null;
  cpuAvgPct: number | null;
  forkMaxUsec: number | null;
  worstLagEpisodes: Episode[];
  downEpisodes: Episode[];
}

export interface NodeReport {
  id: string;
  role: string;
  upstream?: string;
  status: CheckStatus;
  figures: NodeFigures;
  checks: ReportCheck[];
}

/** An incident title in both languages (the incident's `titleI18n`). */
export interface ReportTitle {
  en: string;
  zh: string;
}

/** What a report says of an incident wherever it names one. */
export interface IncidentBase {
  id: string;
  title: string;
  titleI18n?: ReportTitle;
  severity: string;
  state: string;
  openedAt: number;
  resolvedAt?: number;
}

/** The IncidentBase fields of a larger incident record, and only those. */
export function incidentBase(i: IncidentBase): IncidentBase {
  return {
    id: i.id,
    title: i.title,
    ...(i.titleI18n ? { titleI18n: i.titleI18n } : {}),
    severity: i.severity,
    state: i.state,
    openedAt: i.openedAt,
    ...(i.resolvedAt !== undefined ? { resolvedAt: i.resolvedAt } : {}),
  };
}

export interface IncidentSummary extends IncidentBase {
  /** Upper bound: the start of the first bad bucket to the incident opening (the fault began within that bucket). */
  detectMs?: number;
  recoverMs?: number;
}

/** Which period of which topology a report covers, and from what bucket width. */
export interface ReportFrame {
  period: ReportPeriod;
  from: number;
  to: number;
  generatedAt: number;
  topology: string;
  /** Bucket width the figures come from (ms). */
  resolutionMs: number;
}

export interface HealthReport extends ReportFrame {
  status: CheckStatus;
  checks: ReportCheck[];
  nodes: NodeReport[];
  incidents: IncidentSummary[];
}

/** What the builder needs about a node beyond its rollups (live INFO / CONFIG at report time). */
export interface ReportNodeInfo {
  id: string;
  role: string;
  upstream?: string;
  host: string;
  config?: Record<string, string>;
  rdbBgsaveStatus?: string;
  rdbLastSaveAgeSeconds?: number;
  aofEnabled?: boolean;
  aofRewriteStatus?: string;
  replBacklogBytes?: number;
  maxmemoryBytes?: number;
}

export interface ReportIncident extends IncidentBase {
  nodeIds: string[];
  tags: string[];
}

export interface ReportInput extends ReportFrame {
  rows: readonly RollupRow[];
  nodes: ReportNodeInfo[];
  incidents: ReportIncident[];
  checkRuns: Array<{ kind: string; startedAt: number; ok: boolean; state: string }>;
  drills: Array<{ scenario: string; startedAt: number; passed?: boolean; state: string }>;
  /** Abnormal Redis log lines in the period by node and category; a node whose log is read but clean has a `count: 0` entry; null when no log is read. */
  logErrors: Array<{ nodeId: string; category: string; count: number }> | null;
  thresholds: {
    lagWarningSeconds: number;
    lagCriticalSeconds: number;
    memoryWarningPct: number;
    memoryCriticalPct: number;
  };
  advice: { maxDirectReplicas: number };
}
