// Findings open, update and resolve incidents. One incident per root cause: a master that dies
// takes its replicas' link_down findings under the same incident. Everything is written to
// SQLite before it is announced, so what a user saw survives a restart or kill -9.
import { EventEmitter } from 'node:events';
import type { Finding, Health, Incident, Severity, Topology, TopologyEvent } from '../../lib/contracts';
import type { IncidentFilter, IncidentStore, NewTimelineEntry } from '../store/incident-store';
import { describeEvent, metricSnapshot } from './timeline-text';

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** A finding change with what the tracker knows beyond the wire shape. */
export interface FindingChange {
  finding: Finding;
  key: string;
  /** The node whose failure explains it (e.g. the dead master for its replicas' link_down). */
  rootNodeId?: string;
}

export interface IncidentEvents {
  'finding:opened': [Finding];
  'finding:updated': [Finding];
  'finding:resolved': [Finding];
  'incident:updated': [Incident];
  health: [Health];
}

/** Log lines of some nodes around a time (the log service's raw ring), for timelines. */
export type LinesAround = (nodeIds: string[], t: number, windowMs: number) => Array<{ nodeId: string; time: number; message: string; verdict: string; category: string; raw: string }>;

/** How far around a finding's opening its nodes' log lines are copied into the timeline. */
const LOG_WINDOW_MS = 30_000;
/**
 * Notable (⚠️) lines are everyday events — a full sync at start-up, a fork warning — so only
 * those right before the finding opened are kept; abnormal (❌) ones from the whole window.
 */
const NOTABLE_WINDOW_MS = 5_000;
const LOG_LINES_PER_FINDING = 15;

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

  private keepLogLines(incidentId: string, f: Finding): void {
    const nodes = [...new Set([f.nodeId, f.link?.replica, f.link?.upstream].filter((x): x is string => Boolean(x)))];
    if (!nodes.length) return;
    const seen = new Set<string>();
    const lines = this.linesAround(nodes, f.openedAt, LOG_WINDOW_MS).filter((l) => {
      if (l.verdict === 'normal') return false;
      if (l.verdict === 'notable' && Math.abs(l.time - f.openedAt) > NOTABLE_WINDOW_MS) return false;
      const key = `${l.nodeId}|${l.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    for (const l of lines.slice(-LOG_LINES_PER_FINDING)) {
      this.timeline(incidentId, l.time, 'log_line', l.message, l.message, { nodeId: l.nodeId, verdict: l.verdict, category: l.category, raw: l.raw, findingId: f.id });
    }
  }

  /** Open findings as stored, for the tracker to pick up after a restart. */
  restoreOpenFindings(): Finding[] {
    return this.store.findings('open', 10_000);
  }

  apply(changes: { opened: FindingChange[]; updated: FindingChange[]; resolved: FindingChange[] }, topology: Topology, now: number): void {
    const touched = new Map<string, Incident>();
    this.store.transaction(() => {
      for (const c of changes.opened) {
        // Info findings (hygiene hints) are listed, not incidents: they must not hold a fault's
        // incident open, nor page anyone.
        if (c.finding.severity === 'info') {
          this.store.saveFinding(c.finding, c.key);
          continue;
        }
        const incident = this.incidentFor(c, topology, now);
        c.finding.incidentId = incident.id;
        this.store.saveFinding(c.finding, c.key);
        incident.findingIds.push(c.finding.id);
        if (c.finding.nodeId && !incident.nodeIds.includes(c.finding.nodeId)) incident.nodeIds.push(c.finding.nodeId);
        if (RANK[c.finding.severity] > RANK[incident.severity]) incident.severity = c.finding.severity;
        this.store.saveIncident(incident);
        this.timeline(incident.id, now, 'finding_opened', `Finding opened: ${c.finding.title.en}`, `发现问题：${c.finding.title.zh}`, {
          findingId: c.finding.id,
          kind: c.finding.kind,
          severity: c.finding.severity,
          cause: c.finding.cause,
          nodeId: c.finding.nodeId,
          evidence: c.finding.evidence,
        });
        this.keepLogLines(incident.id, c.finding);
        touched.set(incident.id, incident);
      }
      for (const c of changes.updated) {
        if (!c.finding.incidentId && c.finding.severity !== 'info') {
          // An info finding that escalated becomes part of an incident now.
          const opened = this.incidentFor(c, topology, now);
          c.finding.incidentId = opened.id;
          opened.findingIds.push(c.finding.id);
          if (c.finding.nodeId && !opened.nodeIds.includes(c.finding.nodeId)) opened.nodeIds.push(c.finding.nodeId);
          this.store.saveIncident(opened);
        }
        this.store.saveFinding(c.finding, c.key);
        const incident = c.finding.incidentId ? this.store.incident(c.finding.incidentId) : null;
        if (incident && RANK[c.finding.severity] > RANK[incident.severity]) {
          incident.severity = c.finding.severity;
          this.store.saveIncident(incident);
          touched.set(incident.id, incident);
        }
        if (incident)
          this.timeline(incident.id, now, 'finding_updated', `Finding now ${c.finding.severity}: ${c.finding.title.en}`, `问题级别变为 ${c.finding.severity}：${c.finding.title.zh}`, {
            findingId: c.finding.id,
            severity: c.finding.severity,
          });
      }
      for (const c of changes.resolved) {
        this.store.saveFinding(c.finding, c.key);
        const incident = c.finding.incidentId ? this.store.incident(c.finding.incidentId) : null;
        if (!incident) continue;
        this.timeline(incident.id, now, 'finding_resolved', `Finding resolved: ${c.finding.title.en}`, `问题已恢复：${c.finding.title.zh}`, {
          findingId: c.finding.id,
          durationMs: now - c.finding.openedAt,
        });
        touched.set(incident.id, this.maybeAutoResolve(incident, topology, now));
      }
    });
    for (const c of changes.opened) this.emit('finding:opened', c.finding);
    for (const c of changes.updated) this.emit('finding:updated', c.finding);
    for (const c of changes.resolved) this.emit('finding:resolved', c.finding);
    for (const i of touched.values()) this.emit('incident:updated', this.store.incident(i.id) ?? i);
    if (changes.opened.length || changes.updated.length || changes.resolved.length) this.emit('health', this.health());
  }

  /** Latest evidence and lastSeenAt of open findings, written back without announcing them. */
  refreshOpen(changes: FindingChange[]): void {
    this.store.transaction(() => {
      for (const c of changes) this.store.saveFinding(c.finding, c.key);
    });
  }

  /** Topology events land on the timeline of every open incident that involves the node. */
  recordTopologyEvent(e: TopologyEvent): void {
    for (const inc of this.store.openIncidents()) {
      if (inc.rootNodeId !== e.nodeId && !inc.nodeIds.includes(e.nodeId)) continue;
      const { en, zh } = describeEvent(e);
      this.timeline(inc.id, e.at, 'topology_event', en, zh, { event: e });
    }
  }

  private incidentFor(c: FindingChange, topology: Topology, now: number): Incident {
    const root = c.rootNodeId ?? c.finding.nodeId;
    const open = this.store.openIncidents();
    const existing =
      open.find((i) => root && i.rootNodeId === root) ??
      open.find((i) => (root && i.nodeIds.includes(root)) || (c.finding.nodeId && i.nodeIds.includes(c.finding.nodeId)));
    if (existing) return existing;
    const id = `inc-${now.toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    const incident: Incident = {
      id,
      state: 'open',
      severity: c.finding.severity,
      title: c.finding.title.en,
      titleI18n: c.finding.title,
      openedAt: now,
      findingIds: [],
      nodeIds: root && root !== c.finding.nodeId ? [root] : [],
      tags: [],
    };
    if (root) incident.rootNodeId = root;
    this.store.saveIncident(incident);
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
    this.emit('incident:updated', next);
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
    this.emit('incident:updated', next);
    return next;
  }

  addNote(id: string, text: string, actor: string, now = Date.now()) {
    if (!this.store.incident(id)) return 'not_found' as const;
    return this.timeline(id, now, 'note', text, text, {}, actor);
  }

  /** Adds `tag` to each incident (a fault drill marks its own); announces those that changed. */
  tagIncidents(ids: readonly string[], tag: string): Incident[] {
    const changed = this.store.addTag(ids, tag);
    for (const i of changed) this.emit('incident:updated', i);
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
    const open = this.store.findings('open', 10_000);
    const count = { info: 0, warning: 0, critical: 0 };
    for (const f of open) count[f.severity]++;
    const level = count.critical ? 'critical' : count.warning ? 'warning' : 'ok';
    return { level, openFindings: count, openIncidents: this.store.openIncidents().length };
  }
}
