// The socket.io wire contract, declared once: server and client are both typed from it.
import { z } from 'zod';
import type { Cluster } from './cluster';
import { NodeIdSchema } from './common';
import type { ActionServerToClientEvents } from './actions';
import type { CheckServerToClientEvents } from './checks';
import type { DrillServerToClientEvents } from './drills';
import type { Finding } from './findings';
import type { Health, Incident } from './incidents';
import type { LogServerToClientEvents } from './logs';
import { type NodeSample } from './node';
import type { Sentinel, SentinelGroup } from './sentinel';
import { type Link, type Topology, type TopologyEvent, type TopologyNode } from './topology';

/** Changes since the previous cycle: only nodes and links whose fields changed. */
export interface TopologyDelta {
  generatedAt: number;
  nodes: TopologyNode[];
  links: Link[];
  removedNodes: string[];
  /** `linkKey()` of links that no longer exist. */
  removedLinks: string[];
  /** Present when the cluster model changed (null: no longer a cluster). */
  cluster?: Cluster | null;
  /** Whole lists, present only when they changed (Sentinel seeds configured). */
  sentinels?: Sentinel[];
  groups?: SentinelGroup[];
}

export interface TopologySnapshot {
  topology: Topology;
  events: TopologyEvent[];
  pollIntervalMs: number;
  /** The version `topology:delta` counts from (sent to clients that asked for deltas). */
  version?: number;
}

/** One node or link that is new or changed: the fields that changed and the ones now absent. */
export interface TopologyPatchItem<T> {
  /** Node id, or `linkKey()` for a link. */
  key: string;
  set: Partial<T>;
  unset?: string[];
}

export interface TopologyPatchPart<T> {
  upsert: Array<TopologyPatchItem<T>>;
  remove: string[];
  /** Every key in the new order; only when it is not "survivors in place, new ones appended". */
  order?: string[];
  /**
   * Changed numbers of items the base version had, per field as flat pairs `[index, value, …]`
   * (index into the base version's list): nodes `lastSeenAt` (as ms after `generatedAt`),
   * `opsPerSec`, `offset`, `usedMemoryBytes`, `rssBytes`, `memoryPct`, `keys`; links
   * `lagSeconds`, `lastIoSecondsAgo`, `offsetGapBytes`, `downSinceSeconds`.
   */
  packed?: Record<string, number[]>;
  /**
   * The same, as one base-36 string per field when most items changed: per index in order,
   * `.` (unchanged) or a fixed number of digits (nodes `lastSeenAt` 2, `opsPerSec` 1; links
   * `lagSeconds` 1, `lastIoSecondsAgo` 1). A value that does not fit stays in `packed`.
   */
  columns?: Record<string, string>;
}

/** A versioned delta: applies only to `baseVersion`; a client holding another one re-reads. */
export interface TopologyPatch {
  version: number;
  baseVersion: number;
  generatedAt: number;
  nodes: TopologyPatchPart<TopologyNode>;
  links: TopologyPatchPart<Link>;
}

export interface ServerToClientEvents
  extends
    LogServerToClientEvents,
    ActionServerToClientEvents,
    CheckServerToClientEvents,
    DrillServerToClientEvents {
  'topology:snapshot': (snapshot: TopologySnapshot) => void;
  /** Sent to clients that do not ask for `topology:delta`. */
  'topology:update': (delta: TopologyDelta) => void;
  /** Sent instead of `topology:update` to clients that connect with `query: { topology: 'delta' }`. */
  'topology:delta': (delta: TopologyPatch) => void;
  'topology:event': (event: TopologyEvent) => void;
  /** Sent only to clients watching that node. */
  'node:sample': (sample: NodeSample) => void;
  /** Open findings and health, once on connect (after the topology snapshot). */
  'findings:snapshot': (payload: { findings: Finding[]; health: Health }) => void;
  'finding:opened': (finding: Finding) => void;
  'finding:updated': (finding: Finding) => void;
  'finding:resolved': (finding: Finding) => void;
  'incident:updated': (incident: Incident) => void;
  'health:update': (health: Health) => void;
}

export const NodeWatchPayloadSchema = z.object({ nodeId: NodeIdSchema });
export type NodeWatchPayload = z.infer<typeof NodeWatchPayloadSchema>;

/** Acks answer `{ ok: true }` or `{ ok: false, error }` — a bad payload never throws. */
export type Ack = (result: { ok: true } | { ok: false; error: string }) => void;

export interface ClientToServerEvents {
  'node:watch': (payload: NodeWatchPayload, ack?: Ack) => void;
  'node:unwatch': (payload: NodeWatchPayload, ack?: Ack) => void;
  /** A client that missed a delta version asks for the whole snapshot again. */
  'topology:resync': (ack?: Ack) => void;
}

export const SOCKET_PATH = '/socket.io';
