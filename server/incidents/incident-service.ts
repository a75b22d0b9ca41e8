// Findings open, update and resolve incidents. One incident per root cause: a master that dies
// takes its replicas' link_down findings under the same incident. Everything is written to
// SQLite before it is announced, so what a user saw survives a restart or kill -9. The service
// records: it never changes the findings the tracker hands it (it stores and announces copies).
import { EventEmitter } from 'node:events';
import { involvesShard, shardIncidentTitle, shardOfFinding } from '../../lib/cluster/shard-of';
import type { Finding, Health, Incident, Topology, TopologyEvent } from '../../lib/contracts';
import type { FindingKey } from '../../lib/diagnosis/finding-key';
import type { FindingSnapshot } from '../../lib/diagnosis/finding-tracker';
import { healthOf } from '../../lib/diagnosis/health';
import { isGraver } from '../../lib/diagnosis/severity';
import { logger } from '../logger';
import type { IncidentFilter, IncidentStore, NewTimelineEntry } from '../store/incident-store';
import { copyFaultEvents, copyLogLines, type LinesAround } from './incident-story';
import { describeEvent, metricSnapshot } from './timeline-text';

const log = logger('incidents');

/**
 * Standing risks: a setting or a placement that is wrong all the time, not something that
 * happened. An incident made only of them is not the cause of a fault that occurs later on the
 * same node, so the fault opens an incident of its own.
 */
const STANDING_RISKS = new Set(['split_brain_unguarded', 'sentinel_placement', 'config_risk', 'master_no_persistence', 'backlog_too_small']);
/** A Sentinel failover is what happened to the group: it names the incident it is filed under. */
const NAMES_INCIDENT = new Set(['failover_in_progress', 'failover_failed']);

/** A finding change with what the tracker knows beyond the wire shape. */
export interface FindingChange {
  finding: FindingSnapshot;
  key: FindingKey;
  /** The node whose failure explains it (e.g. the dead master for its replicas' link_down). */
  rootNodeId?: string;
}

export interface FindingChanges {
  opened: FindingChange[];
  updated: FindingChange[];
  resolved: FindingChange[];
}

export type { LinesAround } from './incident-story';

/** One apply(): what it recorded and filed so far, and the cycle it records. */
interface Batch {
  record: (f: FindingSnapshot, incidentId: string | undefined) => Finding;
  filed: Map<string, string>;
  touched: Map<string, Incident>;
  topology: Topology;
  now: number;
  events: readonly TopologyEvent[];
}

export interface IncidentEvents {
  'finding-opened': [Finding];
  'finding-updated': [Finding];
  'finding-resolved': [Finding];
  'incident-changed': [Incident];
  health: [Health];
}

export class IncidentService extends EventEmitter<IncidentEvents> {
  private linesAround: LinesAround = () => [];

  constructor(private readonly store: IncidentStore) {
    super();
  }

  /**
   * Wire the log store: when a finding opens, the notable and abnormal lines of its nodes around
   * that moment are copied into the incident (the in-memory log ring is overwritten within
   * seconds in a storm; the incident must keep what proved it).
   */
  useLogs(linesAround: LinesAround): void {
    this.linesAround = linesAround;
  }

  /**
   * Records the tracker's changes and announces them. Returns the incident each newly filed
   * finding went under (committed), for the tracker to keep; empty when the write failed — the
   * changes are still announced then, without an incident.
   */
  apply(changes: FindingChanges, topology: Topology, now: number, events: readonly TopologyEvent[] = []): Map<string, string> {
    const filed = new Map<string, string>();
    const recorded = new Map<string, Finding>();
    const touched = new Map<string, Incident>();
    const record = (f: FindingSnapshot, incidentId: string | undefined): Finding => {
      const copy: Finding = incidentId === undefined ? { ...f } : { ...f, incidentId };
      recorded.set(f.id, copy);
      return copy;
    };
    try {
      this.store.transaction(() => {
        const b: Batch = { record, filed, touched, topology, now, events };
        for (const c of changes.opened) this.recordOpened(c, b);
        for (const c of changes.updated) this.recordUpdated(c, b);
        for (const c of changes.resolved) this.recordResolved(c, b);
      });
    } catch (err) {
      // Rolled back: nothing was filed. The findings are still news for whoever watches.
      log.error({ err }, 'could not record findings; announcing them without an incident');
      filed.clear();
      recorded.clear();
      touched.clear();
    }
    const out = (f: FindingSnapshot) => recorded.get(f.id) ?? { ...f };
    for (const c of changes.opened) this.emit('finding-opened', out(c.finding));
    for (const c of changes.updated) this.emit('finding-updated', out(c.finding));
    for (const c of changes.resolved) this.emit('finding-resolved', out(c.finding));
    for (const i of touched.values()) this.emit('incident-changed', this.store.incident(i.id) ?? i);
    if (changes.opened.length || changes.updated.length || changes.resolved.length) this.emit('health', this.health());
    return filed;
  }

  private recordOpened(c: FindingChange, b: Batch): void {
    const { record, filed, touched, now } = b;
    // Info findings (hygiene hints) are listed, not incidents: they must not hold a fault's
    // incident open, nor page anyone.
    if (c.finding.severity === 'info') {
      this.store.saveFinding(record(c.finding, undefined), c.key);
      return;
    }
    const incident = this.incidentFor(c, b);
    const f = record(c.finding, incident.id);
    filed.set(f.id, incident.id);
    this.store.saveFinding(f, c.key);
    this.fileUnder(incident, f);
    this.timeline(incident.id, now, 'finding_opened', `Finding opened: ${f.title.en}`, `发现问题：${f.title.zh}`, {
      findingId: f.id,
      kind: f.kind,
      severity: f.severity,
      cause: f.cause,
      confidence: f.confidence,
      rootFindingId: f.rootFindingId,
      nodeId: f.nodeId,
      evidence: f.evidence,
    });
    copyLogLines(this.store, this.linesAround, incident.id, f);
    touched.set(incident.id, incident);
  }

  private recordUpdated(c: FindingChange, b: Batch): void {
    const { record, filed, touched, now } = b;
    let incidentId = c.finding.incidentId ?? this.store.incidentIdOf(c.finding.id);
    let incident = incidentId ? this.store.incident(incidentId) : null;
    if (!incident && c.finding.severity !== 'info') {
      // An info finding that escalated (or one whose first write was lost) joins an incident now.
      incident = this.incidentFor(c, b);
      incidentId = incident.id;
      filed.set(c.finding.id, incident.id);
    }
    const f = record(c.finding, incidentId);
    this.store.saveFinding(f, c.key);
    if (!incident) return;
    this.fileUnder(incident, f);
    touched.set(incident.id, incident);
    this.timeline(incident.id, now, 'finding_updated', `Finding now ${f.severity}: ${f.title.en}`, `问题级别变为 ${f.severity}：${f.title.zh}`, {
      findingId: f.id,
      severity: f.severity,
      cause: f.cause,
      confidence: f.confidence,
      rootFindingId: f.rootFindingId,
    });
  }

  private recordResolved(c: FindingChange, { record, touched, topology, now }: Batch): void {
    const incidentId = c.finding.incidentId ?? this.store.incidentIdOf(c.finding.id);
    const f = record(c.finding, incidentId);
    this.store.saveFinding(f, c.key);
    const incident = incidentId ? this.store.incident(incidentId) : null;
    if (!incident) return;
    this.timeline(incident.id, now, 'finding_resolved', `Finding resolved: ${f.title.en}`, `问题已恢复：${f.title.zh}`, {
      findingId: f.id,
      durationMs: now - f.openedAt,
    });
    touched.set(incident.id, this.maybeAutoResolve(incident, topology, now));
  }

  /** Adds the finding's node and severity to its incident (the incident row, not the finding); a failover names it. */
  private fileUnder(incident: Incident, f: Finding): void {
    let dirty = false;
    if (NAMES_INCIDENT.has(f.kind) && incident.title !== f.title.en) {
      incident.title = f.title.en;
      incident.titleI18n = f.title;
      dirty = true;
    }
    if (f.nodeId && !incident.nodeIds.includes(f.nodeId)) {
      incident.nodeIds = [...incident.nodeIds, f.nodeId];
      dirty = true;
    }
    if (isGraver(f.severity, incident.severity)) {
      incident.severity = f.severity;
      dirty = true;
    }
    if (dirty) this.store.saveIncident(incident);
  }

  /** Latest evidence and lastSeenAt of open findings, written back without announcing them. */
  refreshOpen(changes: FindingChange[]): void {
    this.store.transaction(() => {
      for (const c of changes) {
        const incidentId = c.finding.incidentId ?? this.store.incidentIdOf(c.finding.id);
        this.store.saveFinding(incidentId === undefined ? { ...c.finding } : { ...c.finding, incidentId }, c.key);
      }
    });
  }

  /** Topology events land on the timeline of every open incident that involves the node, once. */
  recordTopologyEvent(e: TopologyEvent): void {
    for (const inc of this.store.openIncidents()) {
      if (inc.rootNodeId !== e.nodeId && !inc.nodeIds.includes(e.nodeId)) continue;
      if (this.store.hasTopologyEvent(inc.id, e.id)) continue;
      const { en, zh } = describeEvent(e);
      this.timeline(inc.id, e.at, 'topology_event', en, zh, { event: e });
    }
  }

  private incidentFor(c: FindingChange, { filed, topology, now, events }: Batch): Incident {
    // A consequence goes where its root went.
    const rootFinding = c.finding.rootFindingId;
    const rootIncidentId = rootFinding ? (filed.get(rootFinding) ?? this.store.incidentIdOf(rootFinding)) : undefined;
    const rootIncident = rootIncidentId ? this.store.incident(rootIncidentId) : null;
    if (rootIncident && rootIncident.state !== 'resolved') return rootIncident;
    const root = c.rootNodeId ?? c.finding.nodeId;
    const standingOnly = (i: Incident) => this.store.findingsOf(i.id).every((f) => STANDING_RISKS.has(f.kind));
    const open = this.store.openIncidents().filter((i) => STANDING_RISKS.has(c.finding.kind) || !standingOnly(i));
    // In a Redis Cluster a primary and its replicas fail together: one incident per shard.
    const shard = shardOfFinding(c.finding, root, topology);
    const existing =
      open.find((i) => root && i.rootNodeId === root) ??
      open.find((i) => (root && i.nodeIds.includes(root)) || (c.finding.nodeId && i.nodeIds.includes(c.finding.nodeId))) ??
      (shard ? open.find((i) => involvesShard([i.rootNodeId, ...i.nodeIds], shard, topology)) : undefined);
    if (existing) return existing;
    const id = `inc-${now.toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    const title = shard ? shardIncidentTitle(shard, c.finding.title) : c.finding.title;
    const incident: Incident = {
      id,
      state: 'open',
      severity: c.finding.severity,
      title: title.en,
      titleI18n: title,
      openedAt: now,
      findingIds: [],
      nodeIds: root && root !== c.finding.nodeId ? [root] : [],
      tags: [],
    };
    if (root) incident.rootNodeId = root;
    this.store.saveIncident(incident);
    // The story starts with what the monitor saw first (the poll before the finding opened).
    copyFaultEvents(this.store, id, events, [root, c.finding.nodeId, c.finding.link?.replica, c.finding.link?.upstream], c.finding.openedAt);
    this.timeline(id, now, 'incident_opened', `Incident opened: ${c.finding.title.en}`, `事件开始：${c.finding.title.zh}`, {});
    this.timeline(id, now, 'metric_snapshot', 'Replication state when the incident opened', '事件开始时的复制状态', metricSnapshot(topology, root));
    return incident;
  }

  private maybeAutoResolve(incident: Incident, topology: Topology, now: number): Incident {
    if (incident.state === 'resolved') return incident;
    const stillOpen = this.store.findingsOf(incident.id).some((f) => f.state === 'open');
    if (stillOpen) return incident;
    const resolved: Incident = { ...incident, state: 'resolved', resolvedAt: now, resolvedBy: 'system' };
    this.store.saveIncident(resolved);
    this.timeline(incident.id, now, 'metric_snapshot', 'Replication state at recovery', '恢复时的复制状态', metricSnapshot(topology, incident.rootNodeId));
    this.timeline(incident.id, now, 'state_changed', 'Resolved: every finding recovered', '已恢复：所有问题均已消失', { from: incident.state, to: 'resolved' });
    return resolved;
  }

  private timeline(incidentId: string, at: number, type: NewTimelineEntry['type'], summary: string, summaryZh: string, data: Record<string, unknown>, actor = 'system') {
    return this.store.addTimeline({ incidentId, at, type, actor, summary, summaryZh, data });
  }

  // ── operator actions ──
  acknowledge(id: string, actor: string, now = Date.now()): Incident | 'not_found' | 'resolved' {
    const inc = this.store.incident(id);
    if (!inc) return 'not_found';
    if (inc.state === 'resolved') return 'resolved';
    if (inc.state === 'acknowledged') return inc;
    const next: Incident = { ...inc, state: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor };
    this.store.transaction(() => {
      this.store.saveIncident(next);
      this.timeline(id, now, 'state_changed', `Acknowledged by ${actor}`, `${actor} 已确认`, { from: inc.state, to: 'acknowledged' }, actor);
    });
    this.emit('incident-changed', next);
    return next;
  }

  resolve(id: string, actor: string, now = Date.now()): Incident | 'not_found' {
    const inc = this.store.incident(id);
    if (!inc) return 'not_found';
    if (inc.state === 'resolved') return inc;
    const next: Incident = { ...inc, state: 'resolved', resolvedAt: now, resolvedBy: actor };
    this.store.transaction(() => {
      this.store.saveIncident(next);
      this.timeline(id, now, 'state_changed', `Resolved by ${actor}`, `${actor} 已关闭事件`, { from: inc.state, to: 'resolved' }, actor);
    });
    this.emit('incident-changed', next);
    return next;
  }

  addNote(id: string, text: string, actor: string, now = Date.now()) {
    if (!this.store.incident(id)) return 'not_found' as const;
    return this.timeline(id, now, 'note', text, text, {}, actor);
  }

  /** Adds `tag` to each incident (a fault drill marks its own); announces those that changed. */
  tagIncidents(ids: readonly string[], tag: string): Incident[] {
    const changed = this.store.addTag(ids, tag);
    for (const i of changed) this.emit('incident-changed', i);
    return changed;
  }

  /** Any entry from elsewhere (log lines, actions) on an incident's timeline. */
  addEntry(entry: NewTimelineEntry) {
    return this.store.addTimeline(entry);
  }

  // ── queries ──
  list(filter: IncidentFilter): Incident[] {
    return this.store.incidents(filter);
  }

  detail(id: string) {
    const inc = this.store.incident(id);
    if (!inc) return null;
    return { ...inc, timeline: this.store.timeline(id), findings: this.store.findingsOf(id) };
  }

  findings(state: 'open' | 'resolved' | 'all', limit: number): Finding[] {
    return this.store.findings(state, limit);
  }

  health(): Health {
    return healthOf(this.store.findings('open', 10_000), this.store.openIncidents().length);
  }
}
