// Shared vocabulary of the diagnosis rules: evidence builders, windows, sizes and the few
// formatting helpers that put concrete numbers into both languages. Pure.
import type {
  Bilingual,
  Evidence,
  FindingKind,
  HistoryMetric,
  Link,
  Remedy,
  Severity,
  TopologyEvent,
} from '../contracts';
import type {
  DiagnosisInput,
  FindingCandidate,
  LogEvidenceLine,
  NodeView,
} from './diagnosis-input';
import type { HistoryQueryOptions } from '../history/history-query';
import { eventIndex, linksByUpstream, logsByNode } from './input-index';
import { findingKey, type FindingSubject } from './finding-key';

export type Rule = (input: DiagnosisInput) => FindingCandidate[];

export const bi = (en: string, zh: string): Bilingual => ({ en, zh });

export function remedy(
  en: string,
  zh: string,
  actionId?: string,
  params?: Record<string, unknown>,
): Remedy {
  const r: Remedy = { text: en, textZh: zh };
  if (actionId) r.actionId = actionId;
  if (params) r.params = params;
  return r;
}

export function nodesById(input: DiagnosisInput): Map<string, NodeView> {
  return new Map(input.nodes.map((n) => [n.id, n]));
}

/** Links whose upstream is `nodeId` (its direct replicas as the topology knows them). */
export function replicaLinks(input: DiagnosisInput, nodeId: string): Link[] {
  return [...(linksByUpstream(input.topology.links).get(nodeId) ?? [])];
}

/** A node is a replication source when it lists replicas or the topology hangs some under it. */
export function replicaCount(input: DiagnosisInput, view: NodeView): number {
  const listed = view.info?.replication.connected_slaves ?? 0;
  return Math.max(listed, replicaLinks(input, view.id).length);
}

// ── evidence ────────────────────────────────────────────────────────────────────────────────

/** A raw INFO field as Redis printed it; undefined when the node did not report it. */
export function infoField(view: NodeView, section: string, field: string): Evidence | undefined {
  const value = view.info?.sections[section]?.[field];
  return value === undefined
    ? undefined
    : { type: 'field', nodeId: view.id, section, field, value };
}

/**
 * A section read in the same poll as the node's replication section, else undefined: slow-tier
 * sections (memory, persistence, clients, cpu, keyspace) may be carried from an earlier poll,
 * and a rule comparing them with this poll's replication state must not judge from them.
 */
export function freshSection(view: NodeView, section: string): Record<string, string> | undefined {
  const at = view.sectionAt;
  const fresh = !at || (at[section] !== undefined && at[section] >= (at.replication ?? 0));
  return fresh ? view.info?.sections[section] : undefined;
}

/** Several raw fields of one section, skipping absent ones. */
export function infoFields(view: NodeView, section: string, fields: string[]): Evidence[] {
  return fields
    .map((f) => infoField(view, section, f))
    .filter((e): e is Evidence => e !== undefined);
}

export const configEvidence = (nodeId: string, name: string, value: string): Evidence => ({
  type: 'config',
  nodeId,
  name,
  value,
});

export function metricEvidence(
  nodeId: string,
  metric: string,
  value: number | null,
  threshold?: number,
  unit?: string,
): Evidence {
  const e: Evidence = { type: 'metric', nodeId, metric, value };
  if (threshold !== undefined) e.threshold = threshold;
  if (unit !== undefined) e.unit = unit;
  return e;
}

export const eventEvidence = (event: TopologyEvent): Evidence => ({ type: 'event', event });

export function logEvidence(line: LogEvidenceLine): Evidence {
  const e: Evidence = {
    type: 'log',
    nodeId: line.nodeId,
    time: line.time,
    message: line.message,
    category: line.category,
    verdict: line.verdict,
  };
  if (line.count !== undefined) e.count = line.count;
  return e;
}

export const noteEvidence = (en: string, zh: string): Evidence => ({
  type: 'note',
  text: bi(en, zh),
});

// ── windows ─────────────────────────────────────────────────────────────────────────────────

export function windowStart(input: DiagnosisInput): number {
  return input.now - input.settings.resyncWindowMs;
}

export function recentEvents(
  input: DiagnosisInput,
  pred: (e: TopologyEvent) => boolean,
): TopologyEvent[] {
  const since = windowStart(input);
  return input.events.filter((e) => e.at >= since && pred(e));
}

/** recentEvents of one node (`e.nodeId`), from an index built once per cycle. */
export function recentNodeEvents(
  input: DiagnosisInput,
  nodeId: string,
  pred: (e: TopologyEvent) => boolean = () => true,
): TopologyEvent[] {
  return (eventIndex(input.events, windowStart(input)).byNode.get(nodeId) ?? []).filter(pred);
}

/** recentEvents of one kind, from an index built once per cycle. */
export function recentKindEvents(
  input: DiagnosisInput,
  kind: TopologyEvent['kind'],
  pred: (e: TopologyEvent) => boolean = () => true,
): TopologyEvent[] {
  return (eventIndex(input.events, windowStart(input)).byKind.get(kind) ?? []).filter(pred);
}

/** Log lines of one node in the window; a line without a timestamp counts as recent. */
export function recentLogs(
  input: DiagnosisInput,
  nodeId: string,
  pred: (l: LogEvidenceLine) => boolean = () => true,
): LogEvidenceLine[] {
  return (logsByNode(input.logs, windowStart(input)).get(nodeId) ?? []).filter(pred);
}

export const lineCount = (lines: LogEvidenceLine[]): number =>
  lines.reduce((n, l) => n + (l.count ?? 1), 0);

/** Non-null values of a history series in the window, oldest first. */
export function series(
  input: DiagnosisInput,
  nodeId: string,
  metric: HistoryMetric,
  sinceMs?: number,
  opts?: HistoryQueryOptions,
) {
  const points = input.history(nodeId, metric, sinceMs ?? windowStart(input), opts);
  return points.filter((p): p is { t: number; v: number } => p.v !== null && Number.isFinite(p.v));
}

/** Time between this node's last two polls (ms), from its history; null before two polls. */
export function pollIntervalMs(input: DiagnosisInput, nodeId: string): number | null {
  const points = input.history(nodeId, 'keys', input.now - 10 * 60_000, { newest: 2 });
  const a = points[points.length - 2];
  const b = points[points.length - 1];
  return a && b ? b.t - a.t : null;
}

// ── numbers ─────────────────────────────────────────────────────────────────────────────────

export const MB = 1024 * 1024;

/** Redis memory notation (`1mb`, `16kb`, `1gb`, `1048576`, `64MB`) → bytes; undefined if not one. */
export function parseSize(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?\s*$/i.exec(raw);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase();
  // Redis: `k`/`m`/`g` are powers of 1000, `kb`/`mb`/`gb` powers of 1024 (redis.conf header).
  const mult: Record<string, number> = {
    b: 1,
    k: 1e3,
    kb: 1024,
    m: 1e6,
    mb: MB,
    g: 1e9,
    gb: 1024 * MB,
  };
  return Math.round(n * (mult[unit] ?? 1));
}

export function fmtBytes(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1024) return `${Math.round(n)} B`;
  if (abs < MB) return `${trim(n / 1024)} KB`;
  if (abs < 1024 * MB) return `${trim(n / MB)} MB`;
  return `${trim(n / (1024 * MB))} GB`;
}

function trim(x: number): string {
  return x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

/** Seconds in both languages: `45 s` / `45 秒`, `3 min 20 s` / `3 分 20 秒`, `2 h 5 min`. */
export function fmtDuration(seconds: number): Bilingual {
  // Under a second says how much under: a 1 MB backlog at 70 MB/s covers 15 ms, not "0 s".
  if (seconds > 0 && seconds < 0.9995) {
    const ms = Math.max(1, Math.round(seconds * 1000));
    return bi(`${ms} ms`, `${ms} 毫秒`);
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return bi(`${s} s`, `${s} 秒`);
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const r = s % 60;
    return r ? bi(`${m} min ${r} s`, `${m} 分 ${r} 秒`) : bi(`${m} min`, `${m} 分钟`);
  }
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return m ? bi(`${h} h ${m} min`, `${h} 小时 ${m} 分`) : bi(`${h} h`, `${h} 小时`);
}

/** Seed §5.1 levels: at or above critical → critical, at or above warning → warning. */
export function levelOf(
  value: number | null | undefined,
  warning: number,
  critical: number,
): Severity | null {
  if (value === null || value === undefined) return null;
  if (value >= critical) return 'critical';
  if (value >= warning) return 'warning';
  return null;
}

export { severityRank, worstSeverity } from './severity';

/** Least-squares slope (units per second) of a series; null under 3 points or 2 s of span. */
export function slopePerSecond(points: Array<{ t: number; v: number }>): number | null {
  const first = points[0];
  const last = points.at(-1);
  if (points.length < 3 || !first || !last || last.t - first.t < 2000) return null;
  const n = points.length;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const mv = points.reduce((s, p) => s + p.v, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.v - mv);
    den += (p.t - mt) ** 2;
  }
  return den === 0 ? null : (num / den) * 1000;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A finding's identity: its key from kind and subject, its kind (written once), its severity. */
export function findingHead(
  kind: FindingKind,
  subject: FindingSubject['subject'],
  severity: Severity,
): Pick<FindingCandidate, 'key' | 'kind' | 'severity'> {
  return { key: findingKey({ kind, subject }), kind, severity };
}
