// A browser-like socket client of the dashboard under test: it asks for versioned deltas, keeps
// the topology they patch (re-reading once when a version is missed, as the UI does), counts the
// bytes it receives on the wire and times each cycle from its start (`generatedAt`) to arrival.
//
// Not every delta is a cycle: the fast lane announces a lost node unreachable between cycles
// with a delta of its own (same version sequence, `generatedAt` = that moment). Nothing in the
// payload names it, but a cycle polls every reachable node and moves their `lastSeenAt`, while a
// fast-lane pass only marks nodes unreachable (their `lastSeenAt` stays): a delta that moves no
// `lastSeenAt` is counted apart (`fastLaneDeltas()`), not as a cycle, and its latency is not a
// cycle's. (A cycle in which no node at all answered would be missed; a bench never has one.)
import { io, type Socket } from 'socket.io-client';
import type { Topology, TopologyDelta, TopologyPatch, TopologySnapshot } from '../../lib/contracts';
import { applyTopologyPatch } from '../../lib/topology/topology-delta';

export interface SocketWatch {
  topology(): Topology | null;
  /** Poll cycles seen so far (one delta each; fast-lane deltas not included). */
  cycles(): number;
  /** Deltas that were a fast-lane pass between cycles, not a cycle. */
  fastLaneDeltas(): number;
  bytes(): number;
  /** Cycle start → delta received, ms, since the last `resetLatency()`. */
  latencies(): number[];
  resetLatency(): void;
  resyncs(): number;
  /** `generatedAt` of the last delta: when the dashboard's last cycle started. */
  lastCycleStart(): number;
  close(): void;
}

/** A cycle's delta moves some node's `lastSeenAt` (packed, as a column, or in an upsert). */
export function isCycleDelta(d: TopologyPatch): boolean {
  const n = d.nodes;
  return (
    (n.packed?.lastSeenAt?.length ?? 0) > 0 ||
    /[^.]/.test(n.columns?.lastSeenAt ?? '') ||
    n.upsert.some((u) => u.set.lastSeenAt !== undefined)
  );
}

/** The same for a legacy `topology:update` (whole changed nodes): against the last seen values. */
function movesLastSeen(d: TopologyDelta, seen: Map<string, number>): boolean {
  let moved = false;
  for (const node of d.nodes) {
    if (node.lastSeenAt === undefined || seen.get(node.id) === node.lastSeenAt) continue;
    seen.set(node.id, node.lastSeenAt);
    moved = true;
  }
  return moved;
}

/** Adds the wire size of every packet the engine receives to `onBytes`. */
function countBytes(socket: Socket, onBytes: (n: number) => void): void {
  socket.io.on('open', () => {
    socket.io.engine.on('packet', (p: { data?: unknown }) => {
      if (typeof p.data === 'string') onBytes(Buffer.byteLength(p.data));
      else if (p.data instanceof ArrayBuffer || ArrayBuffer.isView(p.data)) onBytes(p.data.byteLength);
    });
  });
}

export function watchSocket(url: string, mode: 'delta' | 'legacy' = 'delta'): SocketWatch {
  const socket = io(url, { transports: ['websocket'], ...(mode === 'delta' ? { query: { topology: 'delta' } } : {}) });
  let topology: Topology | null = null;
  let version = -1;
  let cycles = 0;
  let fastLane = 0;
  const lastSeen = new Map<string, number>();
  let bytes = 0;
  let resyncs = 0;
  let latencies: number[] = [];
  let lastStart = 0;
  countBytes(socket, (n) => (bytes += n));
  socket.on('topology:snapshot', (s: TopologySnapshot) => {
    topology = s.topology;
    version = s.version ?? -1;
    for (const node of s.topology.nodes) if (node.lastSeenAt !== undefined) lastSeen.set(node.id, node.lastSeenAt);
  });
  socket.on('topology:delta', (d: TopologyPatch) => {
    if (isCycleDelta(d)) {
      cycles++;
      latencies.push(Date.now() - d.generatedAt);
      lastStart = d.generatedAt;
    } else fastLane++;
    const next = topology ? applyTopologyPatch(topology, version, d) : null;
    if (next) {
      topology = next;
      version = d.version;
    } else {
      resyncs++;
      socket.emit('topology:resync');
    }
  });
  socket.on('topology:update', (d: TopologyDelta) => {
    if (mode !== 'legacy') return;
    if (movesLastSeen(d, lastSeen)) cycles++;
    else if (d.nodes.length) fastLane++;
  });
  return {
    topology: () => topology,
    cycles: () => cycles,
    fastLaneDeltas: () => fastLane,
    bytes: () => bytes,
    latencies: () => latencies,
    resetLatency: () => (latencies = []),
    resyncs: () => resyncs,
    lastCycleStart: () => lastStart,
    close: () => socket.close(),
  };
}
