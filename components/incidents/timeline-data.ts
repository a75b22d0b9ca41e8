// Pure: turns timeline entries into what the incident page draws. `data` is free-form on the
// wire (Record<string, unknown>), so every reader here checks shapes instead of trusting them.
import {
  FindingKindSchema,
  SeveritySchema,
  TopologyEventSchema,
  type FindingKind,
  type Severity,
  type TimelineEntry,
  type TopologyEvent,
} from '@/lib/contracts';

export type TimelineItem =
  | { kind: 'entry'; entry: TimelineEntry; offsetMs: number; day: string | null }
  /**
   * A burst drawn as one block with one line per entry: log lines from one node within a few
   * seconds, or alert deliveries close together (retries make many).
   */
  | {
      kind: 'logs' | 'alerts';
      entries: TimelineEntry[];
      offsetMs: number;
      day: string | null;
      nodeId: string | null;
    };

/** Log lines closer together than this read as one burst. */
export const LOG_BURST_MS = 5_000;
/** Alert deliveries closer together than this read as one burst. */
export const ALERT_BURST_MS = 60_000;

export function sortTimeline(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) => a.at - b.at || a.id - b.id);
}

function burstOf(
  entry: TimelineEntry,
): { kind: 'logs' | 'alerts'; nodeId: string | null; gapMs: number } | null {
  if (entry.type === 'log_line')
    return { kind: 'logs', nodeId: logLineOf(entry.data).nodeId, gapMs: LOG_BURST_MS };
  if (entry.type === 'alert_sent') return { kind: 'alerts', nodeId: null, gapMs: ALERT_BURST_MS };
  return null;
}

/**
 * Oldest first, each item with its offset from the incident's start, a day label where the
 * calendar day changes (only when the incident spans days), and bursts grouped.
 */
export function buildTimeline(
  entries: readonly TimelineEntry[],
  openedAt: number,
  dayOf: (epochMs: number) => string,
): TimelineItem[] {
  const sorted = sortTimeline(entries);
  const spansDays =
    sorted.length > 0 && new Set([openedAt, ...sorted.map((e) => e.at)].map(dayOf)).size > 1;
  const items: TimelineItem[] = [];
  let lastDay: string | null = null;
  for (const entry of sorted) {
    const day = dayOf(entry.at);
    const dayLabel = spansDays && day !== lastDay ? day : null;
    lastDay = day;
    const burst = burstOf(entry);
    if (!burst) {
      items.push({ kind: 'entry', entry, offsetMs: entry.at - openedAt, day: dayLabel });
      continue;
    }
    const prev = items[items.length - 1];
    if (
      prev &&
      prev.kind === burst.kind &&
      dayLabel === null &&
      prev.nodeId === burst.nodeId &&
      entry.at - prev.entries[prev.entries.length - 1]!.at <= burst.gapMs
    ) {
      prev.entries.push(entry);
      continue;
    }
    items.push({
      kind: burst.kind,
      entries: [entry],
      offsetMs: entry.at - openedAt,
      day: dayLabel,
      nodeId: burst.nodeId,
    });
  }
  return items;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

export interface LogLine {
  nodeId: string | null;
  message: string;
  time: number | null;
  category?: string;
  verdict?: string;
  count?: number;
}

export function logLineOf(data: Record<string, unknown>): LogLine {
  const inner = isRecord(data.line) ? data.line : isRecord(data.log) ? data.log : data;
  const message =
    str(inner.message) ??
    str(inner.raw) ??
    str(inner.text) ??
    str(data.line) ??
    str(data.message) ??
    '';
  return {
    nodeId: str(inner.nodeId) ?? str(data.nodeId) ?? null,
    message,
    time: num(inner.time) ?? num(inner.at) ?? null,
    category: str(inner.category),
    verdict: str(inner.verdict),
    count: num(inner.count),
  };
}

export function topologyEventOf(data: Record<string, unknown>): TopologyEvent | null {
  const parsed = TopologyEventSchema.safeParse(isRecord(data.event) ? data.event : data);
  return parsed.success ? parsed.data : null;
}

export interface FindingRef {
  findingId?: string;
  kind?: FindingKind;
  severity?: Severity;
  nodeId?: string;
  /** Previous severity, for updates. */
  from?: Severity;
}

export function findingRefOf(data: Record<string, unknown>): FindingRef {
  const src = isRecord(data.finding) ? { ...data, ...data.finding } : data;
  const kind = FindingKindSchema.safeParse(src.kind);
  const severity = SeveritySchema.safeParse(src.severity);
  const from = SeveritySchema.safeParse(src.fromSeverity ?? src.previousSeverity ?? src.from);
  return {
    findingId: str(src.findingId) ?? str(src.id),
    kind: kind.success ? kind.data : undefined,
    severity: severity.success ? severity.data : undefined,
    nodeId: str(src.nodeId),
    from: from.success ? from.data : undefined,
  };
}

export interface SnapshotRow {
  subject: string;
  values: { metric: string; value: number | string | boolean | null }[];
}

const IDENTITY_KEYS = new Set(['id', 'nodeId', 'node', 'replica', 'upstream', 'at', 't', 'time']);
type Primitive = number | string | boolean | null;
const isPrimitive = (v: unknown): v is Primitive =>
  v === null || ['number', 'string', 'boolean'].includes(typeof v);

function subjectOf(o: Record<string, unknown>, fallback: string): string {
  const replica = str(o.replica);
  const upstream = str(o.upstream);
  if (replica && upstream) return `${replica} ← ${upstream}`;
  return replica ?? str(o.nodeId) ?? str(o.node) ?? str(o.id) ?? fallback;
}

function valuesOf(o: Record<string, unknown>): SnapshotRow['values'] {
  return Object.entries(o)
    .filter(([k, v]) => !IDENTITY_KEYS.has(k) && isPrimitive(v))
    .map(([metric, value]) => ({ metric, value: value as Primitive }));
}

/**
 * Metric snapshot rows, whatever the nesting: `{ links: [{ replica, upstream, lagSeconds }] }`,
 * `{ nodes: { "h:p": { memoryPct } } }`, `{ nodeId, values: { … } }` or flat fields.
 */
export function snapshotRows(data: Record<string, unknown>): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  const own = str(data.nodeId) ?? str(data.node) ?? '';
  const flat = valuesOf(data);
  if (flat.length > 0) rows.push({ subject: subjectOf(data, own), values: flat });
  for (const [key, v] of Object.entries(data)) {
    if (Array.isArray(v)) {
      for (const item of v)
        if (isRecord(item)) {
          const values = valuesOf(item);
          if (values.length > 0) rows.push({ subject: subjectOf(item, key), values });
        }
    } else if (isRecord(v)) {
      const direct = valuesOf(v);
      if (direct.length > 0) {
        rows.push({ subject: subjectOf(v, own || key), values: direct });
        continue;
      }
      // keyed by subject: { "h:p": { … } }
      for (const [subject, inner] of Object.entries(v))
        if (isRecord(inner)) {
          const values = valuesOf(inner);
          if (values.length > 0) rows.push({ subject: subjectOf(inner, subject), values });
        }
    }
  }
  return rows;
}

/** Top-level scalar fields, for entry types without a dedicated view. */
export function scalarFields(
  data: Record<string, unknown>,
  skip: readonly string[] = [],
): [string, string][] {
  return Object.entries(data)
    .filter(([k, v]) => !skip.includes(k) && isPrimitive(v) && v !== null && v !== '')
    .map(([k, v]) => [k, String(v)]);
}
