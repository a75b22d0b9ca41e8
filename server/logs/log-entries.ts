// Maps stored log rows and raw lines to their wire shapes (lib/contracts/logs.ts).
import { CauseSchema, type Cause, type LogEntry, type LogRawLine } from '../../lib/contracts';
import type { Classification, LogLine, PeerAddress } from '../../lib/logs/log-types';
import type { FoldedRow } from '../../lib/logs/storm-folder';

/** One raw line as kept in the ring for incident timelines. */
export interface RawRecord {
  nodeId: string;
  /** The line's own time, or its arrival time when it has none. */
  at: number;
  /** When the dashboard received it: retention ages by this, never by the line's own time. */
  receivedAt: number;
  line: LogLine;
  cls: Classification;
}

const CAUSES = new Set<string>(CauseSchema.options);

/** Only the hints that are finding causes (`fork_failed` is a persistence fact, not a link cause). */
export function causeOf(cls: Classification): Cause | undefined {
  return cls.causeHint && CAUSES.has(cls.causeHint) ? (cls.causeHint as Cause) : undefined;
}

export const peerAddressId = (peer: PeerAddress): string =>
  peer.host.includes(':') ? `[${peer.host}]:${peer.port}` : `${peer.host}:${peer.port}`;

export function rowToEntry(r: FoldedRow, peerNodeId: string | undefined): LogEntry {
  const e: LogEntry = {
    id: r.id,
    nodeId: r.nodeId,
    time: r.firstAt,
    pid: r.pid,
    role: r.role,
    level: r.level,
    message: r.message,
    category: r.category,
    verdict: r.verdict,
    ruleId: r.ruleId,
    count: r.count,
    firstAt: r.firstAt,
    lastAt: r.lastAt,
    receivedAt: r.receivedAt,
  };
  return withLinks(e, peerNodeId, causeOf(r.classification));
}

export function recordToRaw(r: RawRecord, peerNodeId: string | undefined): LogRawLine {
  const { line, cls } = r;
  const e: LogRawLine = {
    nodeId: r.nodeId,
    time: r.at,
    receivedAt: r.receivedAt,
    pid: line.pid,
    role: line.role,
    level: line.level,
    message: line.message,
    category: cls.category,
    verdict: cls.verdict,
    ruleId: cls.ruleId,
    raw: line.raw,
  };
  return withLinks(e, peerNodeId, causeOf(cls));
}

function withLinks<T extends { peerNodeId?: string; causeHint?: Cause }>(e: T, peer?: string, cause?: Cause): T {
  if (peer) e.peerNodeId = peer;
  if (cause) e.causeHint = cause;
  return e;
}
