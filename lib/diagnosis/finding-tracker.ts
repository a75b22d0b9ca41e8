// FindingTracker: turns each cycle's candidates into findings with hysteresis, so nothing flaps.
// A key opens after `openAfter` consecutive cycles with a candidate and resolves after
// `closeAfter` consecutive cycles without one. Pure state machine: no timers, no I/O; the
// caller passes `now` and an id generator.
import type { Finding } from '../contracts';
import type { FindingCandidate } from './diagnosis-input';

export interface FindingTrackerOptions {
  /** Consecutive cycles with a candidate before a finding opens (default 2). */
  openAfter?: number;
  /** Consecutive healthy cycles before an open finding resolves (default 3). */
  closeAfter?: number;
  newId: () => string;
}

export interface TrackerUpdate {
  opened: Finding[];
  /** Open findings whose severity or cause changed this cycle. */
  updated: Finding[];
  resolved: Finding[];
  /** Every open finding after this cycle, latest evidence included. */
  open: Finding[];
}

/** An open finding with the key the tracker knows it by (for persistence across restarts). */
export interface TrackedFinding {
  key: string;
  finding: Finding;
  rootNodeId?: string;
}

interface Entry {
  streak: number;
  firstSeenAt: number;
  misses: number;
  finding?: Finding;
  rootNodeId?: string;
}

function toFinding(c: FindingCandidate, id: string, openedAt: number, now: number): Finding {
  const f: Finding = {
    id,
    kind: c.kind,
    severity: c.severity,
    title: c.title,
    detail: c.detail,
    openedAt,
    lastSeenAt: now,
    state: 'open',
    evidence: c.evidence,
    remedy: c.remedy,
  };
  if (c.nodeId !== undefined) f.nodeId = c.nodeId;
  if (c.link !== undefined) f.link = c.link;
  if (c.cause !== undefined) f.cause = c.cause;
  if (c.rule !== undefined) f.rule = c.rule;
  return f;
}

export class FindingTracker {
  private readonly openAfter: number;
  private readonly closeAfter: number;
  private readonly newId: () => string;
  private readonly entries = new Map<string, Entry>();

  constructor(options: FindingTrackerOptions, restored: TrackedFinding[] = []) {
    this.openAfter = Math.max(1, options.openAfter ?? 2);
    this.closeAfter = Math.max(1, options.closeAfter ?? 3);
    this.newId = options.newId;
    for (const t of restored) {
      if (t.finding.state !== 'open') continue;
      const entry: Entry = {
        streak: this.openAfter,
        firstSeenAt: t.finding.openedAt,
        misses: 0,
        finding: t.finding,
      };
      if (t.rootNodeId !== undefined) entry.rootNodeId = t.rootNodeId;
      this.entries.set(t.key, entry);
    }
  }

  update(candidates: FindingCandidate[], now: number): TrackerUpdate {
    const opened: Finding[] = [];
    const updated: Finding[] = [];
    const resolved: Finding[] = [];
    const seen = new Set<string>();

    for (const c of candidates) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      const entry = this.entries.get(c.key) ?? { streak: 0, firstSeenAt: now, misses: 0 };
      this.entries.set(c.key, entry);
      entry.streak++;
      entry.misses = 0;
      if (c.rootNodeId !== undefined) entry.rootNodeId = c.rootNodeId;
      else delete entry.rootNodeId;
      const prev = entry.finding;
      if (prev) {
        // Keep identity and openedAt; everything else reflects this cycle.
        const next = toFinding(c, prev.id, prev.openedAt, now);
        if (prev.incidentId !== undefined) next.incidentId = prev.incidentId;
        entry.finding = next;
        if (prev.severity !== next.severity || prev.cause !== next.cause) updated.push(next);
      } else if (entry.streak >= this.openAfter) {
        // openedAt is when the condition was first seen, not when hysteresis let it through.
        entry.finding = toFinding(c, this.newId(), entry.firstSeenAt, now);
        opened.push(entry.finding);
      }
    }

    for (const [key, entry] of this.entries) {
      if (seen.has(key)) continue;
      if (!entry.finding) {
        this.entries.delete(key);
        continue;
      }
      entry.streak = 0;
      entry.misses++;
      if (entry.misses >= this.closeAfter) {
        resolved.push({ ...entry.finding, state: 'resolved', resolvedAt: now });
        this.entries.delete(key);
      }
    }
    return { opened, updated, resolved, open: this.open() };
  }

  /** Open findings, gravest first, then oldest first. */
  open(): Finding[] {
    const rank = { critical: 0, warning: 1, info: 2 } as const;
    return this.tracked()
      .map((t) => t.finding)
      .sort(
        (a, b) =>
          rank[a.severity] - rank[b.severity] ||
          a.openedAt - b.openedAt ||
          a.id.localeCompare(b.id),
      );
  }

  /** Open findings with their keys and roots, to persist and hand back after a restart. */
  tracked(): TrackedFinding[] {
    const out: TrackedFinding[] = [];
    for (const [key, e] of this.entries) {
      if (!e.finding) continue;
      const t: TrackedFinding = { key, finding: e.finding };
      if (e.rootNodeId !== undefined) t.rootNodeId = e.rootNodeId;
      out.push(t);
    }
    return out;
  }

  /** Root node the rule named for an open finding (link_down under a dead master, …). */
  rootNodeIdOf(findingId: string): string | undefined {
    for (const e of this.entries.values()) if (e.finding?.id === findingId) return e.rootNodeId;
    return undefined;
  }
}
