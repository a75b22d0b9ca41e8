// What the timeline reads off one entry: the colour of its dot, the state a state change reached,
// the node it is about, and its summary in the reader's language.
import {
  IncidentStateSchema,
  type IncidentState,
  type Status,
  type TimelineEntry,
} from '@/lib/contracts';
import { SEVERITY_STATUS } from '@/components/findings/severity-badge';
import { TOPOLOGY_EVENT_STATUS } from '@/components/overview/event-list';
import { STATE_STATUS } from './incident-state-badge';
import { findingRefOf, topologyEventOf } from './timeline-data';

/** For state changes: the state reached. */
export function stateTo(entry: TimelineEntry): IncidentState | undefined {
  if (entry.type !== 'state_changed') return undefined;
  const to = IncidentStateSchema.safeParse(entry.data.to ?? entry.data.state);
  return to.success ? to.data : undefined;
}

/** Colour of the dot on the line: the status the entry reports, grey when it reports none. */
export function entryStatus(entry: TimelineEntry, incidentSeverity: Status): Status | null {
  switch (entry.type) {
    case 'incident_opened':
      return incidentSeverity;
    case 'finding_opened':
    case 'finding_updated': {
      const s = findingRefOf(entry.data).severity;
      return s ? SEVERITY_STATUS[s] : 'warning';
    }
    case 'finding_resolved':
      return 'ok';
    case 'topology_event': {
      const ev = topologyEventOf(entry.data);
      return ev ? TOPOLOGY_EVENT_STATUS[ev.kind] : null;
    }
    case 'state_changed': {
      const to = stateTo(entry);
      return to ? STATE_STATUS[to] : null;
    }
    default:
      return null;
  }
}

/** The node an entry is about, if it names one. */
export function entryNode(entry: TimelineEntry): string | null {
  if (entry.type === 'topology_event') return topologyEventOf(entry.data)?.nodeId ?? null;
  if (entry.type.startsWith('finding_')) return findingRefOf(entry.data).nodeId ?? null;
  return typeof entry.data.nodeId === 'string' ? entry.data.nodeId : null;
}

/** What marks one entry in the page, grouped or not (the e2e tests find entries by it). */
export function entryAttrs(entry: TimelineEntry) {
  return {
    'data-testid': 'timeline-entry',
    'data-type': entry.type,
    'data-entry-id': entry.id,
  } as const;
}

export function summaryOf(entry: TimelineEntry, zh: boolean): string {
  return zh && entry.summaryZh ? entry.summaryZh : entry.summary;
}
