// What the diagnosis rules read: one poll cycle's view of every node plus a little history.
// Pure data; the monitor builds it, `diagnose()` turns it into finding candidates.
import type {
  Bilingual,
  Cause,
  Confidence,
  Evidence,
  FindingKind,
  HistoryMetric,
  HistoryPoint,
  NodeError,
  NodeMetrics,
  Remedy,
  Role,
  Severity,
  Topology,
  TopologyEvent,
} from '../contracts';
import type { HistoryQueryOptions } from '../history/history-query';
import type { ParsedInfo } from '../info/info-types';
import type { FindingKey } from './finding-key';
import type { StatusThresholds } from '../topology/status';

export interface NodeView {
  id: string;
  reachable: boolean;
  error?: NodeError;
  role: Role;
  /** Canonical id of the upstream (last known when the node is down). */
  upstream?: string;
  /** Latest INFO that parsed (this cycle's when reachable). */
  info?: ParsedInfo;
  /**
   * The cycle before's counters, for deltas (lib/topology/node-metrics.ts `previousCounters`):
   * offsets and replication id, sync and CPU counters, run_id, errorstats, a full sync's progress.
   */
  prevInfo?: ParsedInfo;
  metrics?: NodeMetrics;
  /**
   * `CONFIG GET` of the replication-relevant parameters (lower-case names, Redis' own
   * values, e.g. `save` → "3600 1 300 100", `client-output-buffer-limit` → the full string),
   * refreshed every ~30 s. Undefined when CONFIG is not allowed (renamed, ACL): rules that
   * need it stay silent rather than guess.
   */
  config?: Record<string, string>;
  /**
   * When each INFO section in `info` was read (ms). The slow tiers (memory, persistence, clients,
   * cpu, keyspace) may be older than replication: a rule that compares a slow field with this
   * poll's replication state checks it is as fresh (`freshSection()` in rule-kit).
   */
  sectionAt?: Readonly<Record<string, number>>;
}

/** A classified log line attached to a node (filled once log ingestion exists). */
export interface LogEvidenceLine {
  nodeId: string;
  time: number | null;
  message: string;
  category: string;
  verdict: 'normal' | 'notable' | 'abnormal';
  /** Root cause this line proves, when it proves one. */
  causeHint?: Cause;
  count?: number;
}

export interface DiagnosisSettings extends StatusThresholds {
  /** backlog_too_small: the outage the backlog must cover (seconds). Default 60. */
  backlogOutageSeconds: number;
  /** full_resync_storm: look-back window (ms) and how many full syncs in it make a storm. */
  resyncWindowMs: number;
  resyncStormCount: number;
  /** sync_stuck: a full sync older than this with no progress explanation. */
  syncStuckSeconds: number;
}

export const DEFAULT_DIAGNOSIS_SETTINGS: Omit<DiagnosisSettings, keyof StatusThresholds> = {
  backlogOutageSeconds: 60,
  resyncWindowMs: 10 * 60_000,
  resyncStormCount: 2,
  syncStuckSeconds: 300,
};

export interface DiagnosisInput {
  now: number;
  topology: Topology;
  nodes: NodeView[];
  /** Topology events of the last `resyncWindowMs` at least, oldest first. */
  events: TopologyEvent[];
  /** Series from the monitor's ring buffers (empty array when none), selected as selectPoints does. */
  history: (nodeId: string, metric: HistoryMetric, sinceMs: number, opts?: HistoryQueryOptions) => HistoryPoint[];
  /** Recent notable/abnormal log lines, newest last (empty until logs are wired). */
  logs: LogEvidenceLine[];
  settings: DiagnosisSettings;
}

/** One rule's verdict this cycle; the tracker turns candidates into findings with hysteresis. */
export interface FindingCandidate {
  /** Stable identity across cycles, from `findingKey()`, e.g. `link_down:127.0.0.1:7002`. */
  key: FindingKey;
  kind: FindingKind;
  severity: Severity;
  nodeId?: string;
  link?: { upstream: string; replica: string };
  cause?: Cause;
  /** `proven` (a log line or a direct probe says so) or `likely` (INFO counters point to it). */
  confidence?: Confidence;
  /**
   * Causes this cycle's evidence contradicts (e.g. fewer replica restarts than full syncs): the
   * tracker drops an established cause listed here instead of keeping it through an `unknown`.
   */
  causeRuledOut?: Cause[];
  rule?: string;
  title: Bilingual;
  detail: Bilingual;
  evidence: Evidence[];
  remedy: Remedy;
  /** Node whose failure explains this finding (for grouping under one incident). */
  rootNodeId?: string;
  /**
   * Findings that would explain this one, in order of preference: when one of them is open, this
   * finding is its consequence (`rootFindingId`) and is folded under it.
   */
  rootKeys?: FindingKey[];
}
