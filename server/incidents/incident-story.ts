// What an incident's timeline copies from elsewhere so it tells the whole story once: the
// topology events that started the fault, and the Redis log lines around it — each line once
// per incident (node + time + message), naming every finding it supports.
import type { Finding, TopologyEvent } from '../../lib/contracts';
import type { IncidentStore } from '../store/incident-store';
import { describeEvent } from './timeline-text';

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
/** Topology events this long before a finding was first seen belong to its fault (a poll or two). */
const EVENT_LOOKBACK_MS = 5_000;

/**
 * The fault's topology events (the poll before the finding opened included) on a new incident.
 * `events` are the ones already announced. No upper bound at the cycle's time: the fast lane
 * announces a node unreachable while a cycle polls, after the cycle's `generatedAt`, and that
 * cycle's report carries the event — with openAfter 1 its finding opens on that very cycle, and
 * the event (announced before the incident existed) would otherwise never reach the timeline.
 */
export function copyFaultEvents(
  store: IncidentStore,
  incidentId: string,
  events: readonly TopologyEvent[],
  nodes: ReadonlyArray<string | undefined>,
  firstSeenAt: number,
): void {
  const involved = new Set(nodes.filter(Boolean));
  for (const e of events) {
    if (!involved.has(e.nodeId) || e.at < firstSeenAt - EVENT_LOOKBACK_MS) continue;
    if (store.hasTopologyEvent(incidentId, e.id)) continue;
    const { en, zh } = describeEvent(e);
    store.addTimeline({ incidentId, at: e.at, type: 'topology_event', actor: 'system', summary: en, summaryZh: zh, data: { event: e } });
  }
}

/** The notable and abnormal lines of a finding's nodes, each once per incident. */
export function copyLogLines(store: IncidentStore, linesAround: LinesAround, incidentId: string, f: Finding): void {
  const nodes = [...new Set([f.nodeId, f.link?.replica, f.link?.upstream].filter((x): x is string => Boolean(x)))];
  if (!nodes.length) return;
  const seen = new Set<string>();
  // The story starts with the fault's first topology event: earlier lines (start-up noise, an
  // older hiccup) belong to another story and stay in the log view.
  const faultAt = store.firstTopologyEventAt(incidentId) ?? -Infinity;
  const lines = linesAround(nodes, f.openedAt, LOG_WINDOW_MS).filter((l) => {
    if (l.verdict === 'normal' || l.time < faultAt) return false;
    if (l.verdict === 'notable' && Math.abs(l.time - f.openedAt) > NOTABLE_WINDOW_MS) return false;
    const key = `${l.nodeId}|${l.time}|${l.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (const l of lines.slice(-LOG_LINES_PER_FINDING)) {
    const existing = store.logEntry(incidentId, l.nodeId, l.time, l.message);
    if (existing) {
      const ids = Array.isArray(existing.data.findingIds) ? existing.data.findingIds.filter((x): x is string => typeof x === 'string') : [];
      if (!ids.includes(f.id)) store.updateTimelineData(existing.id, { ...existing.data, findingIds: [...ids, f.id] });
      continue;
    }
    store.addTimeline({
      incidentId,
      at: l.time,
      type: 'log_line',
      actor: 'system',
      summary: l.message,
      summaryZh: l.message,
      data: { nodeId: l.nodeId, verdict: l.verdict, category: l.category, raw: l.raw, findingId: f.id, findingIds: [f.id] },
    });
  }
}
