// FindingTracker: owns every open finding. It turns each cycle's candidates into findings with
// hysteresis, so nothing flaps: a key opens after `openAfter` consecutive cycles with a candidate
// and resolves after `closeAfter` consecutive cycles without one. It links a consequence to its
// root (`rootFindingId`) and hands out frozen snapshots: other modules read, they never mutate.
// Pure state machine: no timers, no I/O; the caller passes `now` and an id generator.
import type { Cause, Confidence, Finding } from '../contracts';
import type { FindingCandidate } from './diagnosis-input';
import type { FindingKey } from './finding-key';
import { byGravity } from './severity';
import { causeRevisionNote } from './cause-revision';

/** A finding as the tracker hands it out: frozen, nested parts included. */
export type FindingSnapshot = Readonly<Finding>;

export interface FindingTrackerOptions {
  /** Consecutive cycles with a candidate before a finding opens (default 2). */
  openAfter?: number;
  /** Consecutive healthy cycles before an open finding resolves (default 3). */
  closeAfter?: number;
  newId: () => string;
}

export interface TrackerUpdate {
  opened: FindingSnapshot[];
  /** Open findings whose severity, cause, confidence or root changed this cycle. */
  updated: FindingSnapshot[];
  resolved: FindingSnapshot[];
  /** Every open finding after this cycle, latest evidence included. */
  open: FindingSnapshot[];
}

/** An open finding with the key the tracker knows it by (for persistence across restarts). */
export interface TrackedFinding {
  key: FindingKey;
  finding: FindingSnapshot;
  rootNodeId?: string;
}

interface Entry {
  streak: number;
  firstSeenAt: number;
  misses: number;
  finding?: FindingSnapshot;
  rootNodeId?: string;
  /** The specific cause this finding was first read as, once later evidence replaced it. */
  revisedFrom?: { cause: Cause; confidence?: Confidence };
}

/** Freezes a finding and the objects inside it, so a reader cannot change what the tracker owns. */
export function freezeFinding(f: Finding): FindingSnapshot {
  for (const part of [f.title, f.detail, f.remedy, f.link, f.evidence]) if (part) Object.freeze(part);
  for (const e of f.evidence) Object.freeze(e);
  return Object.freeze(f);
}

function toFinding(
  c: FindingCandidate,
  id: string,
  openedAt: number,
  now: number,
  rootFindingId: string | undefined,
): Finding {
  const f: Finding = {
    id,
    kind: c.kind,
    severity: c.severity,
    title: c.title,
    detail: c.detail,
    openedAt,
    lastSeenAt: now,
    state: 'open',
    evidence: [...c.evidence],
    remedy: c.remedy,
  };
  if (c.nodeId !== undefined) f.nodeId = c.nodeId;
  if (c.link !== undefined) f.link = { ...c.link };
  if (c.cause !== undefined) f.cause = c.cause;
  if (c.confidence !== undefined) f.confidence = c.confidence;
  if (c.rule !== undefined) f.rule = c.rule;
  if (rootFindingId !== undefined) f.rootFindingId = rootFindingId;
  return f;
}

const changed = (a: FindingSnapshot, b: FindingSnapshot) =>
  a.severity !== b.severity ||
  a.cause !== b.cause ||
  a.confidence !== b.confidence ||
  a.rootFindingId !== b.rootFindingId;

export class FindingTracker {
  private readonly openAfter: number;
  private readonly closeAfter: number;
  private readonly newId: () => string;
  private readonly entries = new Map<FindingKey, Entry>();

  constructor(options: FindingTrackerOptions, restored: readonly TrackedFinding[] = []) {
    this.openAfter = Math.max(1, options.openAfter ?? 2);
    this.closeAfter = Math.max(1, options.closeAfter ?? 3);
    this.newId = options.newId;
    for (const t of restored) {
      if (t.finding.state !== 'open') continue;
      const entry: Entry = {
        streak: this.openAfter,
        firstSeenAt: t.finding.openedAt,
        misses: 0,
        finding: freezeFinding(structuredClone(t.finding)),
      };
      if (t.rootNodeId !== undefined) entry.rootNodeId = t.rootNodeId;
      this.entries.set(t.key, entry);
    }
  }

  update(candidates: readonly FindingCandidate[], now: number): TrackerUpdate {
    const opened: FindingSnapshot[] = [];
    const updated: FindingSnapshot[] = [];
    const resolved: FindingSnapshot[] = [];
    const present = new Map<FindingKey, FindingCandidate>();
    for (const c of candidates) if (!present.has(c.key)) present.set(c.key, c);

    // Gone first, so a consequence never points at a root that resolves this very cycle.
    for (const [key, entry] of this.entries) {
      if (present.has(key)) continue;
      if (!entry.finding) {
        this.entries.delete(key);
        continue;
      }
      entry.streak = 0;
      entry.misses++;
      if (entry.misses >= this.closeAfter) {
        resolved.push(freezeFinding({ ...entry.finding, state: 'resolved', resolvedAt: now }));
        this.entries.delete(key);
      }
    }

    // Roots before consequences, so a root that opens this cycle can take its consequences.
    const ordered = [...present.values()].sort(
      (a, b) => (a.rootKeys?.length ? 1 : 0) - (b.rootKeys?.length ? 1 : 0),
    );
    for (const c of ordered) {
      const entry = this.entries.get(c.key) ?? { streak: 0, firstSeenAt: now, misses: 0 };
      this.entries.set(c.key, entry);
      entry.streak++;
      entry.misses = 0;
      if (c.rootNodeId !== undefined) entry.rootNodeId = c.rootNodeId;
      else delete entry.rootNodeId;
      const root = this.rootOf(c, present);
      const prev = entry.finding;
      if (prev) {
        // Keep identity, openedAt and the incident; everything else reflects this cycle — except
        // an established cause: once proven or likely, a cycle that cannot tell (a peak that
        // aged out of INFO, a log line that left the window) does not take it back.
        const next = toFinding(c, prev.id, prev.openedAt, now, root.id);
        const known = prev.cause && prev.cause !== 'unknown' ? prev.cause : undefined;
        if (known && (c.cause ?? 'unknown') === 'unknown' && !c.causeRuledOut?.includes(known)) {
          next.cause = prev.cause;
          if (prev.confidence) next.confidence = prev.confidence;
          next.detail = prev.detail;
          next.evidence = [...prev.evidence];
          next.remedy = prev.remedy;
        } else {
          this.noteRevision(entry, prev, next);
        }
        if (prev.incidentId !== undefined) next.incidentId = prev.incidentId;
        entry.finding = freezeFinding(next);
        if (changed(prev, entry.finding)) updated.push(entry.finding);
      } else if (entry.streak >= this.openAfter && !root.pending) {
        // openedAt is when the condition was first seen, not when hysteresis let it through.
        entry.finding = freezeFinding(toFinding(c, this.newId(), entry.firstSeenAt, now, root.id));
        opened.push(entry.finding);
      }
    }
    return { opened, updated, resolved, open: this.open() };
  }

  /**
   * A cause that later evidence replaced or ruled out is not silently swapped: the finding says
   * what it was first read as, for as long as it reads otherwise.
   */
  private noteRevision(entry: Entry, prev: FindingSnapshot, next: Finding): void {
    if (prev.cause && prev.cause !== 'unknown' && next.cause !== prev.cause) {
      entry.revisedFrom = { cause: prev.cause, ...(prev.confidence ? { confidence: prev.confidence } : {}) };
    }
    const from = entry.revisedFrom;
    if (!from || next.cause === from.cause) {
      delete entry.revisedFrom;
      return;
    }
    next.evidence = [causeRevisionNote(from.cause, from.confidence, next.cause ?? 'unknown'), ...next.evidence];
  }

  /**
   * The open finding this candidate is a consequence of (first of its rootKeys that is open,
   * followed up to the top), or `pending` when a root is present but not open yet: a consequence
   * waits for its root rather than open (and alert) on its own one cycle early.
   */
  private rootOf(
    c: FindingCandidate,
    present: ReadonlyMap<FindingKey, FindingCandidate>,
  ): { id?: string; pending: boolean } {
    for (const k of c.rootKeys ?? []) {
      if (k === c.key) continue;
      const f = this.entries.get(k)?.finding;
      if (f) return { id: f.rootFindingId ?? f.id, pending: false };
    }
    return { pending: (c.rootKeys ?? []).some((k) => k !== c.key && present.has(k)) };
  }

  /** Records the incident an open finding was filed under (after the store committed it). */
  linkIncident(findingId: string, incidentId: string): FindingSnapshot | undefined {
    for (const e of this.entries.values()) {
      if (e.finding?.id !== findingId) continue;
      e.finding = freezeFinding({ ...e.finding, incidentId });
      return e.finding;
    }
    return undefined;
  }

  /** Open findings, gravest first, then oldest first. */
  open(): FindingSnapshot[] {
    return this.tracked()
      .map((t) => t.finding)
      .sort((a, b) => byGravity(a, b) || a.openedAt - b.openedAt || a.id.localeCompare(b.id));
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
}
