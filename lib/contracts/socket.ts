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
}

export interface ServerToClientEvents
  extends LogServerToClientEvents,
    ActionServerToClientEvents,
    CheckServerToClientEvents,
    DrillServerToClientEvents {
  'topology:snapshot': (snapshot: TopologySnapshot) => void;
  'topology:update': (delta: TopologyDelta) => void;
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
}

export const SOCKET_PATH = '/socket.io';
