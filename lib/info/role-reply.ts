// `ROLE` (https://redis.io/docs/latest/commands/role/): role, link state and replication offsets
// in a few bytes. A quiet node without replicas is polled with it between two INFOs: it says
// whether anything moved (then the same poll reads INFO) and refreshes the offsets.
import { bareRecord } from './safe-record';
import { FIELD_ORDER } from './info-parser';
import type { ParsedInfo } from './info-types';

export type RoleReading =
  | { role: 'master'; offset: number; replicas: Array<{ host: string; port: number; offset: number }> }
  | { role: 'replica'; host: string; port: number; state: string; offset: number };

/** What a quiet node's last INFO says its ROLE should still be. */
export type RoleExpectation =
  | { role: 'master' }
  /** `readOnly`: the INFO's `slave_read_only`, checked with a CONFIG GET beside ROLE. */
  | { role: 'replica'; host: string; port: number; readOnly?: boolean };

function integer(v: unknown): number | null {
  if (typeof v !== 'number' && typeof v !== 'string') return null;
  if (typeof v === 'string' && !/^-?\d+$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

function text(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** The reply as the node sent it; null for anything else (a sentinel, garbage, a newer shape). */
export function parseRoleReply(reply: unknown): RoleReading | null {
  if (!Array.isArray(reply)) return null;
  const kind = text(reply[0]);
  if (kind === 'master') {
    const offset = integer(reply[1]);
    if (offset === null || !Array.isArray(reply[2])) return null;
    const replicas: Array<{ host: string; port: number; offset: number }> = [];
    for (const entry of reply[2] as unknown[]) {
      if (!Array.isArray(entry)) return null;
      const host = text(entry[0]);
      const port = integer(entry[1]);
      const ack = integer(entry[2]);
      if (host === null || port === null || ack === null) return null;
      replicas.push({ host, port, offset: ack });
    }
    return { role: 'master', offset, replicas };
  }
  if (kind === 'slave') {
    const host = text(reply[1]);
    const port = integer(reply[2]);
    const state = text(reply[3]);
    const offset = integer(reply[4]);
    if (host === null || port === null || state === null || offset === null) return null;
    return { role: 'replica', host, port, state, offset };
  }
  return null;
}

/**
 * The ROLE a node's INFO promises while nothing moves, or undefined when the node needs INFO
 * every poll: it has replicas (their `lag=` and states are only in INFO), its link is not up,
 * it is syncing or loading.
 */
export function quietRole(info: ParsedInfo): RoleExpectation | undefined {
  const r = info.replication;
  if (r.replicas.length > 0 || (r.connected_slaves ?? 0) > 0) return undefined;
  if (info.sections.persistence?.loading === '1') return undefined;
  if (r.role === 'master') return { role: 'master' };
  if (r.role !== 'replica' || r.master_link_status !== 'up' || r.master_sync_in_progress !== false) return undefined;
  if (r.master_host === undefined || r.master_port === undefined) return undefined;
  return { role: 'replica', host: r.master_host, port: r.master_port, readOnly: r.slave_read_only };
}

/** Nothing moved: the same role, the same master over a connected link, still no replicas. */
export function roleMatches(expected: RoleExpectation, reading: RoleReading): boolean {
  if (expected.role === 'master') return reading.role === 'master' && reading.replicas.length === 0;
  return (
    reading.role === 'replica' &&
    reading.host === expected.host &&
    reading.port === expected.port &&
    reading.state === 'connected' &&
    reading.offset >= 0
  );
}

/**
 * The node's last INFO with this ROLE's offsets in its replication section (typed and raw):
 * `master_repl_offset` of a master; the processed offset of a replica as its `slave_repl_offset`,
 * `slave_read_repl_offset` and `master_repl_offset`. Every other field is the INFO's. A new
 * object when an offset moved (the one it came from stays as it was: kept lists, previous
 * counters); the same object when none did.
 */
export function withRoleOffsets(info: ParsedInfo, reading: RoleReading): ParsedInfo {
  const raw = info.sections.replication ?? bareRecord<string>();
  const offset = reading.offset;
  const r = info.replication;
  // An idle node's offsets do not move between polls: the INFO it has is still true.
  if (r.master_repl_offset === offset && (reading.role === 'master' || (r.slave_repl_offset === offset && (r.slave_read_repl_offset ?? offset) === offset))) return info;
  const changes: Record<string, string> = bareRecord();
  const replication = { ...info.replication, master_repl_offset: offset };
  changes.master_repl_offset = String(offset);
  if (reading.role === 'replica') {
    replication.slave_repl_offset = offset;
    changes.slave_repl_offset = changes.master_repl_offset;
    if (raw.slave_read_repl_offset !== undefined) {
      replication.slave_read_repl_offset = offset;
      changes.slave_read_repl_offset = changes.master_repl_offset;
    }
  }
  const sections = Object.assign(bareRecord<Record<string, string>>(), info.sections);
  sections.replication = withFields(raw, changes);
  return { ...info, sections, replication };
}

/** A copy of a parsed section with some values replaced, its field order kept for the parser. */
function withFields(section: Record<string, string>, changes: Record<string, string>): Record<string, string> {
  const out = Object.assign(bareRecord<string>(), section, changes);
  const order = FIELD_ORDER.get(section);
  if (order) FIELD_ORDER.set(out, order);
  return out;
}
