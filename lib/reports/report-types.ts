// The health report's inputs; its shape (what the builder returns, the API serves and the page
// renders) is re-exported from lib/contracts.
import type { RollupRow } from '../history/rollup';
import type { IncidentBase, ReportFrame } from '../contracts/reports';

// The wire shapes are zod schemas in lib/contracts/reports.ts (the page parses what it fetches);
// this module re-exports their types for the builder, and adds what only the builder reads.
export type {
  CheckStatus,
  Episode,
  HealthReport,
  IncidentBase,
  IncidentSummary,
  NodeFigures,
  NodeReport,
  ReportCheck,
  ReportFrame,
  ReportPeriod,
  ReportTitle,
} from '../contracts/reports';

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
