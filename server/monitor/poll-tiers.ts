// Which INFO sections (and whether CONFIG GET) one node's poll asks for. The sections that
// detection reads — replication, server (run_id), stats (sync counters), errorstats, cluster —
// ride every poll; memory, persistence, clients, cpu and keyspace, and the CONFIG GET batch, on
// slower tiers (`poll.sectionEveryMs`, `poll.configEveryMs`). A quiet node without replicas
// reads INFO on its own tier (`poll.quietInfoEveryMs`) and `ROLE` in between, and INFO at once
// when ROLE shows a change. It is still one pipelined round trip per node per poll (two when a
// quiet node's ROLE shows a change). Pure: the monitor keeps the state.
import type { ParsedInfo } from '../../lib/info/info-types';
import type { RoleExpectation } from '../../lib/info/role-reply';

/** Read on every poll: what link, lag, restart, resync and auth detection need. */
export const FAST_SECTIONS = ['replication', 'server', 'stats', 'errorstats', 'cluster'] as const;
/** Read on their own tier (`poll.sectionEveryMs`). */
export const SLOW_SECTIONS = ['memory', 'persistence', 'clients', 'cpu', 'keyspace'] as const;
export type SlowSection = (typeof SLOW_SECTIONS)[number];

export type SectionTiers = Record<SlowSection, number>;

/**
 * Defaults (docs/configuration.md). 5 s keeps `client_recent_max_output_buffer` (Redis keeps the
 * peak of the last seconds) and memory trends well within reach; CPU % is an average anyway.
 */
export const SECTION_EVERY_MS: SectionTiers = {
  memory: 5000,
  persistence: 5000,
  clients: 5000,
  cpu: 5000,
  keyspace: 5000,
};

/**
 * Default of `poll.quietInfoEveryMs`: a quiet node's whole INFO every 10 s (its slow sections too,
 * at the longer of the two tiers), as often as exporters are commonly scraped; ROLE in between.
 */
export const QUIET_INFO_EVERY_MS = 10_000;

export interface PollPlan {
  /** INFO section names, in the order Redis is asked. */
  sections: string[];
  withConfig: boolean;
  /**
   * Set on a quiet node's poll between two INFOs: `ROLE` is sent instead, and stands in for INFO
   * when it says this; otherwise the same poll reads `sections` (lib/info/role-reply.ts).
   */
  role?: RoleExpectation;
}

/** What the schedule needs to know of one node. */
export interface TierState {
  /** When each section was last read (ms); absent = never, in this process of the node. */
  sectionAt: Readonly<Record<string, number>>;
  configAt?: number;
  /** Read everything on the next poll (first contact, back from unreachable, a change seen). */
  refreshAll: boolean;
  /** A full sync or an RDB load in progress: persistence (`loading`) is read every poll. */
  syncing: boolean;
  /** What ROLE should say while the node stays quiet (no replicas, link up); absent = not quiet. */
  role?: RoleExpectation;
}

/**
 * A stable offset in [0, 1) per node, so the slow reads of many nodes spread over the tier's
 * period instead of all landing in one cycle (1,000 CONFIG GET batches at once block the loop).
 */
export function phaseOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/**
 * Due when the node's phase-shifted period rolled over since the last read: one read per period,
 * at most `everyMs + intervalMs` apart. A period no longer than the poll interval is every poll.
 */
export function isDue(
  lastAt: number | undefined,
  now: number,
  everyMs: number,
  intervalMs: number,
  phase: number,
): boolean {
  if (lastAt === undefined || everyMs <= intervalMs || now - lastAt >= everyMs + intervalMs)
    return true;
  const shift = phase * everyMs;
  return Math.floor((now + shift) / everyMs) !== Math.floor((lastAt + shift) / everyMs);
}

export function pollPlan(
  state: TierState,
  now: number,
  tiers: {
    sectionEveryMs: SectionTiers;
    configEveryMs: number;
    intervalMs: number;
    /** How often a quiet node reads INFO; ROLE in between. Absent or ≤ intervalMs: INFO every poll. */
    quietInfoEveryMs?: number;
  },
  phase: number,
): PollPlan {
  const sections: string[] = [...FAST_SECTIONS];
  // A quiet node reads all of its INFO at once, no more often than its quiet tier.
  const floor = state.role ? (tiers.quietInfoEveryMs ?? 0) : 0;
  for (const s of SLOW_SECTIONS) {
    const every = s === 'persistence' && state.syncing ? 0 : Math.max(floor, tiers.sectionEveryMs[s]);
    if (state.refreshAll || isDue(state.sectionAt[s], now, every, tiers.intervalMs, phase))
      sections.push(s);
  }
  const withConfig =
    state.refreshAll || isDue(state.configAt, now, tiers.configEveryMs, tiers.intervalMs, phase);
  const infoDue =
    state.refreshAll ||
    sections.length > FAST_SECTIONS.length ||
    isDue(state.sectionAt.replication, now, tiers.quietInfoEveryMs ?? 0, tiers.intervalMs, phase);
  return state.role && !infoDue ? { sections, withConfig, role: state.role } : { sections, withConfig };
}

/** Every section at once: first contact, and what callers outside the poll loop get. */
export const FULL_PLAN: PollPlan = {
  sections: [...FAST_SECTIONS, ...SLOW_SECTIONS],
  withConfig: false,
};

/** Fields whose change means the node's situation moved: read its slow tiers again at once. */
export function situationChanged(before: ParsedInfo | undefined, now: ParsedInfo): boolean {
  if (before === undefined) return false;
  const a = before.replication;
  const b = now.replication;
  return (
    a.role !== b.role ||
    a.master_replid !== b.master_replid ||
    a.master_host !== b.master_host ||
    a.master_port !== b.master_port ||
    a.master_link_status !== b.master_link_status ||
    a.master_sync_in_progress !== b.master_sync_in_progress ||
    a.connected_slaves !== b.connected_slaves ||
    before.sections.server?.run_id !== now.sections.server?.run_id ||
    before.sections.stats?.sync_full !== now.sections.stats?.sync_full
  );
}

/**
 * This poll's INFO with the slow sections it did not ask for carried from the node's previous
 * INFO — only while it is the same process (same run_id): a restarted node's old memory,
 * persistence or keyspace describe a process that is gone, and are dropped instead. Fills
 * `fresh` (just parsed, owned by the caller) in place and returns it.
 */
export function carrySlowSections(fresh: ParsedInfo, before: ParsedInfo | undefined): ParsedInfo {
  const runId = fresh.sections.server?.run_id;
  if (!before || !runId || before.sections.server?.run_id !== runId) return fresh;
  for (const s of SLOW_SECTIONS) {
    const old = before.sections[s];
    if (fresh.sections[s] || !old) continue;
    fresh.sections[s] = old;
    if (s === 'keyspace') fresh.keyspace = before.keyspace;
  }
  return fresh;
}
