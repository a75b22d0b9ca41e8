// Per-node figures from two consecutive INFO samples. Pure: the monitor feeds it.
import type { NodeMetrics } from '../contracts';
import type { ParsedInfo } from '../info/info-types';
import { bareRecord } from '../info/safe-record';

export function infoNumber(info: ParsedInfo | undefined, section: string, field: string): number | null {
  const raw = info?.sections[section]?.[field];
  if (raw === undefined || raw === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

function delta(cur: number | null, prev: number | null): number | null {
  if (cur === null || prev === null) return null;
  // A counter that went down means the node restarted: count from zero.
  return cur >= prev ? cur - prev : cur;
}

/**
 * What the next poll of a node compares against, out of its reply: offsets and replication id
 * (offset rate), sync and CPU counters with the run_id they belong to, the errorstats section
 * (authentication errors rising) and a full sync's progress (a stalled transfer). The rest of
 * the reply is dropped: keeping every node's previous parsed INFO whole was a second copy of
 * ~150 fields per node, for the handful compared. Shares the kept sections with `info`.
 */
export function previousCounters(info: ParsedInfo): ParsedInfo {
  const r = info.replication;
  const { server, stats, cpu, errorstats } = info.sections;
  const sections: ParsedInfo['sections'] = bareRecord();
  if (server?.run_id !== undefined) sections.server = pick(server, ['run_id']);
  if (stats) sections.stats = pick(stats, ['sync_full', 'sync_partial_ok', 'sync_partial_err']);
  if (cpu) sections.cpu = cpu;
  if (errorstats) sections.errorstats = errorstats;
  return {
    sections,
    replication: {
      role: r.role,
      master_replid: r.master_replid,
      master_repl_offset: r.master_repl_offset,
      master_sync_in_progress: r.master_sync_in_progress,
      master_sync_read_bytes: r.master_sync_read_bytes,
      replicas: [],
      unknown: bareRecord(),
    },
    keyspace: [],
    malformed: [],
  };
}

function pick(section: Record<string, string>, names: string[]): Record<string, string> {
  const out = bareRecord<string>();
  for (const name of names) {
    const value = section[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function totalKeys(info: ParsedInfo): number {
  return info.keyspace.reduce((sum, db) => sum + db.keys, 0);
}

/**
 * `cpuDtMs`: time between the two reads of the cpu section (the monitor reads it on a slower
 * tier than the poll, so it may span several polls); defaults to `dtMs`.
 */
export function deriveNodeMetrics(
  cur: ParsedInfo,
  prev: ParsedInfo | undefined,
  dtMs: number | null,
  cpuDtMs: number | null = dtMs,
): NodeMetrics {
  const used = infoNumber(cur, 'memory', 'used_memory');
  const max = infoNumber(cur, 'memory', 'maxmemory');
  const syncFull = infoNumber(cur, 'stats', 'sync_full');
  const syncOk = infoNumber(cur, 'stats', 'sync_partial_ok');
  const syncErr = infoNumber(cur, 'stats', 'sync_partial_err');
  const offset = cur.replication.master_repl_offset ?? null;
  const prevOffset = prev?.replication.master_repl_offset ?? null;
  const sameHistory = prev && prev.replication.master_replid === cur.replication.master_replid;
  const offsetDelta = sameHistory ? delta(offset, prevOffset) : null;
  return {
    opsPerSec: infoNumber(cur, 'stats', 'instantaneous_ops_per_sec'),
    replInputKbps: infoNumber(cur, 'stats', 'instantaneous_input_repl_kbps'),
    replOutputKbps: infoNumber(cur, 'stats', 'instantaneous_output_repl_kbps'),
    syncFull,
    syncPartialOk: syncOk,
    syncPartialErr: syncErr,
    syncFullDelta: prev ? delta(syncFull, infoNumber(prev, 'stats', 'sync_full')) : null,
    syncPartialOkDelta: prev ? delta(syncOk, infoNumber(prev, 'stats', 'sync_partial_ok')) : null,
    syncPartialErrDelta: prev ? delta(syncErr, infoNumber(prev, 'stats', 'sync_partial_err')) : null,
    usedMemoryBytes: used,
    maxmemoryBytes: max,
    memoryPct: used !== null && max ? Math.round((used / max) * 1000) / 10 : null,
    rssBytes: infoNumber(cur, 'memory', 'used_memory_rss'),
    keys: totalKeys(cur),
    connectedClients: infoNumber(cur, 'clients', 'connected_clients'),
    replOffsetRate: offsetDelta !== null && dtMs ? Math.round((offsetDelta * 1000) / dtMs) : null,
    cpuPct: cpuPercent(cur, prev, cpuDtMs),
  };
}

/**
 * The metrics after a ROLE poll (server/monitor/node-registry.ts): every section but the
 * replication offsets is the last INFO's, so every figure is the last one except the offset rate,
 * and the sync counters did not move since the previous poll as far as we know (they are counted
 * at the next INFO). What deriveNodeMetrics would give for `now` against `before`, without
 * re-reading every field.
 */
export function roleMetrics(previous: NodeMetrics | undefined, before: ParsedInfo, now: ParsedInfo, dtMs: number | null): NodeMetrics {
  if (!previous) return deriveNodeMetrics(now, previousCounters(before), dtMs, null);
  const offset = now.replication.master_repl_offset ?? null;
  const offsetDelta = delta(offset, before.replication.master_repl_offset ?? null);
  return {
    ...previous,
    syncFullDelta: previous.syncFull === null ? null : 0,
    syncPartialOkDelta: previous.syncPartialOk === null ? null : 0,
    syncPartialErrDelta: previous.syncPartialErr === null ? null : 0,
    replOffsetRate: offsetDelta !== null && dtMs ? Math.round((offsetDelta * 1000) / dtMs) : null,
  };
}

function cpuSeconds(info: ParsedInfo | undefined): number | null {
  const sys = infoNumber(info, 'cpu', 'used_cpu_sys');
  const user = infoNumber(info, 'cpu', 'used_cpu_user');
  return sys === null || user === null ? null : sys + user;
}

/** % of one core between two samples; null across a restart (the counters start again). */
function cpuPercent(cur: ParsedInfo, prev: ParsedInfo | undefined, dtMs: number | null): number | null {
  const now = cpuSeconds(cur);
  const before = cpuSeconds(prev);
  if (now === null || before === null || !dtMs || dtMs <= 0 || now < before) return null;
  if (prev?.sections.server?.run_id !== cur.sections.server?.run_id) return null;
  return Math.round(((now - before) * 1000 * 1000) / dtMs) / 10;
}
