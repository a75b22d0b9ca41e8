// Per-cycle lookups over one DiagnosisInput, built once and shared by every rule: a rule that
// asks "this node's events" or "this node's replica links" for each of 1,000 nodes scanned the
// whole event list (or link list) each time. Keyed by the input's own arrays, so a new cycle
// (new arrays) gets a new index and nothing is kept after it. Pure.
import type { Link, TopologyEvent } from '../contracts';
import type { LogEvidenceLine } from './diagnosis-input';

interface EventIndex {
  since: number;
  byNode: Map<string, TopologyEvent[]>;
  byKind: Map<string, TopologyEvent[]>;
}

const eventIndexes = new WeakMap<readonly TopologyEvent[], EventIndex>();
const linkIndexes = new WeakMap<readonly Link[], Map<string, Link[]>>();
const logIndexes = new WeakMap<readonly LogEvidenceLine[], { since: number; byNode: Map<string, LogEvidenceLine[]> }>();

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Events at or after `since`, grouped by node and by kind, each group oldest first. */
export function eventIndex(events: readonly TopologyEvent[], since: number): EventIndex {
  const known = eventIndexes.get(events);
  if (known && known.since === since) return known;
  const index: EventIndex = { since, byNode: new Map(), byKind: new Map() };
  for (const e of events) {
    if (e.at < since) continue;
    push(index.byNode, e.nodeId, e);
    push(index.byKind, e.kind, e);
  }
  eventIndexes.set(events, index);
  return index;
}

/** Links grouped by their upstream, each group in the links' order. */
export function linksByUpstream(links: readonly Link[]): Map<string, Link[]> {
  let index = linkIndexes.get(links);
  if (!index) {
    index = new Map();
    for (const l of links) push(index, l.upstream, l);
    linkIndexes.set(links, index);
  }
  return index;
}

/**
 * Log lines at or after `since` (or without a time), grouped by node, each group in the lines'
 * order. Up to 1,000 evidence lines: scanned once per node by several rules, that was a million
 * predicate calls a poll at 1,000 nodes — in a log storm, when the diagnosis matters most.
 */
export function logsByNode(logs: readonly LogEvidenceLine[], since: number): Map<string, LogEvidenceLine[]> {
  const known = logIndexes.get(logs);
  if (known && known.since === since) return known.byNode;
  const byNode = new Map<string, LogEvidenceLine[]>();
  for (const l of logs) if (l.time === null || l.time >= since) push(byNode, l.nodeId, l);
  logIndexes.set(logs, { since, byNode });
  return byNode;
}
