// Pure client-side topology state: snapshot + deltas + events in, immutable state out.
import {
  linkKey,
  type Cluster,
  type Link,
  type Sentinel,
  type SentinelGroup,
  type TopologyDelta,
  type TopologyEvent,
  type TopologyNode,
  type TopologySnapshot,
} from '@/lib/contracts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export interface TopologyState {
  nodes: Readonly<Record<string, TopologyNode>>;
  /** Keyed by `linkKey()`. */
  links: Readonly<Record<string, Link>>;
  /** Newest first. */
  events: readonly TopologyEvent[];
  connection: ConnectionState;
  hasSnapshot: boolean;
  generatedAt: number | null;
  pollIntervalMs: number | null;
  /** Redis Cluster model, when the topology is a cluster. */
  cluster: Cluster | null;
  /** Sentinels and their groups (empty without sentinel:// seeds). */
  sentinels: readonly Sentinel[];
  groups: readonly SentinelGroup[];
}

export const MAX_EVENTS = 100;

export const INITIAL_TOPOLOGY_STATE: TopologyState = {
  nodes: {},
  links: {},
  events: [],
  connection: 'connecting',
  hasSnapshot: false,
  generatedAt: null,
  cluster: null,
  pollIntervalMs: null,
  sentinels: [],
  groups: [],
};

function newestFirst(events: Iterable<TopologyEvent>): TopologyEvent[] {
  const byId = new Map<string, TopologyEvent>();
  for (const e of events) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.at - a.at).slice(0, MAX_EVENTS);
}

export function applySnapshot(state: TopologyState, snap: TopologySnapshot): TopologyState {
  const nodes: Record<string, TopologyNode> = {};
  for (const n of snap.topology.nodes) nodes[n.id] = n;
  const links: Record<string, Link> = {};
  for (const l of snap.topology.links) links[linkKey(l)] = l;
  return {
    ...state,
    nodes,
    links,
    events: newestFirst(snap.events),
    hasSnapshot: true,
    generatedAt: snap.topology.generatedAt,
    pollIntervalMs: snap.pollIntervalMs,
    cluster: snap.topology.cluster ?? null,
    sentinels: snap.topology.sentinels ?? [],
    groups: snap.topology.groups ?? [],
  };
}

export function applyDelta(state: TopologyState, delta: TopologyDelta): TopologyState {
  const nodes = { ...state.nodes };
  for (const n of delta.nodes) nodes[n.id] = n;
  for (const id of delta.removedNodes) delete nodes[id];
  const links = { ...state.links };
  for (const l of delta.links) links[linkKey(l)] = l;
  for (const key of delta.removedLinks) delete links[key];
  const cluster = delta.cluster === undefined ? state.cluster : delta.cluster;
  return {
    ...state,
    nodes,
    links,
    generatedAt: delta.generatedAt,
    cluster,
    ...(delta.sentinels ? { sentinels: delta.sentinels } : {}),
    ...(delta.groups ? { groups: delta.groups } : {}),
  };
}

export function addEvent(state: TopologyState, event: TopologyEvent): TopologyState {
  return { ...state, events: newestFirst([event, ...state.events]) };
}

export function setConnection(state: TopologyState, connection: ConnectionState): TopologyState {
  return state.connection === connection ? state : { ...state, connection };
}
