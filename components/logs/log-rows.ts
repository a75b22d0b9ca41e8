// Pure: the log panel's rows. Live `log:lines` pushes upsert folded rows by id (a storm's row
// comes back with a higher count); filters apply the same way to the REST answer and the pushes.
import type { LogEntry, LogRawLine } from '@/lib/contracts';
import type { LogCategory, LogLevel, LogVerdict } from '@/lib/logs/log-types';

/** Rows kept and drawn: enough for an hour of a busy node once storms are folded. */
export const MAX_LOG_ROWS = 500;
/** Lines `GET /api/logs/around` returns at most (its default `limit`): the closest to `t`. */
export const AROUND_LIMIT = 1000;
/** First page of the live tail. */
export const LOG_PAGE = 200;

export interface LogFilter {
  verdict?: LogVerdict;
  category?: LogCategory;
  level?: LogLevel;
  /** Case-insensitive text in the message. */
  q?: string;
}

export const EMPTY_LOG_FILTER: LogFilter = {};

/**
 * Rows the panel opens on: notable and abnormal ones. Routine lines (a background save every
 * minute) are counted, not shown, until the operator asks for them or picks a verdict.
 */
export function splitRoutine<T extends { verdict: LogVerdict }>(
  rows: readonly T[],
  f: LogFilter,
  isShowingRoutine: boolean,
): { shown: readonly T[]; hiddenRoutine: number } {
  if (isShowingRoutine || f.verdict) return { shown: rows, hiddenRoutine: 0 };
  const shown = rows.filter((r) => r.verdict !== 'normal');
  return { shown, hiddenRoutine: rows.length - shown.length };
}

/** The text search as the API takes it (1–200 characters), or undefined. */
export function searchText(q: string | undefined): string | undefined {
  const trimmed = q?.trim();
  return trimmed ? trimmed.slice(0, 200) : undefined;
}

export function isEmptyFilter(f: LogFilter): boolean {
  return !f.verdict && !f.category && !f.level && !searchText(f.q);
}

/** A stable key for a filter, so effects refetch only when it really changed. */
export function filterKey(f: LogFilter): string {
  return [f.verdict ?? '', f.category ?? '', f.level ?? '', searchText(f.q) ?? ''].join('|');
}

export function matchesLogFilter(line: LogEntry | LogRawLine, f: LogFilter): boolean {
  if (f.verdict && line.verdict !== f.verdict) return false;
  if (f.category && line.category !== f.category) return false;
  if (f.level && line.level !== f.level) return false;
  const q = searchText(f.q);
  return !q || line.message.toLowerCase().includes(q.toLowerCase());
}

/** `GET /api/logs` query string for one node and filter. */
export function logQueryString(nodeId: string, f: LogFilter, limit = LOG_PAGE): string {
  const qs = new URLSearchParams({ node: nodeId, limit: String(limit) });
  if (f.verdict) qs.set('verdict', f.verdict);
  if (f.category) qs.set('category', f.category);
  if (f.level) qs.set('level', f.level);
  const q = searchText(f.q);
  if (q) qs.set('q', q);
  return qs.toString();
}

/** Newest activity first, as the server orders them. */
export function compareLogRows(a: LogEntry, b: LogEntry): number {
  return b.lastAt - a.lastAt || b.id - a.id;
}

/** A folded row only grows: an older copy (a REST answer racing a push) must not win. */
function isNewer(incoming: LogEntry, current: LogEntry): boolean {
  return (
    incoming.count > current.count ||
    (incoming.count === current.count && incoming.lastAt > current.lastAt)
  );
}

/**
 * Rows with `incoming` merged in by id, newest first, at most `cap`. Returns `rows` itself when
 * nothing changed, so React skips the render.
 */
export function upsertLogRows(
  rows: readonly LogEntry[],
  incoming: readonly LogEntry[],
  cap = MAX_LOG_ROWS,
): LogEntry[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  let changed = false;
  for (const entry of incoming) {
    const current = byId.get(entry.id);
    if (current && !isNewer(entry, current)) continue;
    byId.set(entry.id, entry);
    changed = true;
  }
  if (!changed) return rows as LogEntry[];
  return [...byId.values()].sort(compareLogRows).slice(0, cap);
}

/** Total lines behind the rows (a folded storm counts every repeat). */
export function lineCount(rows: readonly LogEntry[]): number {
  return rows.reduce((n, r) => n + r.count, 0);
}

/** Index of the first line at or after `t` in lines sorted oldest first (where "the event" goes). */
export function eventIndex(lines: readonly { time: number }[], t: number): number {
  const i = lines.findIndex((l) => l.time >= t);
  return i === -1 ? lines.length : i;
}

/** The nodes whose lines an incident event is read against: its own node first, at most 50. */
export function aroundNodes(
  eventNode: string | null | undefined,
  involved: readonly string[],
): string[] {
  const out = new Set<string>();
  if (eventNode) out.add(eventNode);
  for (const id of involved) out.add(id);
  return [...out].slice(0, 50);
}

/** `GET /api/logs/around` query string. */
export function aroundQueryString(nodes: readonly string[], t: number, windowMs: number): string {
  return new URLSearchParams({
    nodes: nodes.join(','),
    t: String(Math.max(0, Math.round(t))),
    windowMs: String(windowMs),
  }).toString();
}
