// A browser-like socket client of the dashboard under test: it asks for versioned deltas, keeps
// the topology they patch (re-reading once when a version is missed, as the UI does), counts the
// bytes it receives on the wire and times each cycle from its start (`generatedAt`) to arrival.
import { io, type Socket } from 'socket.io-client';
import type { Topology, TopologyPatch, TopologySnapshot } from '../../lib/contracts';
import { applyTopologyPatch } from '../../lib/topology/topology-delta';

export interface SocketWatch {
  topology(): Topology | null;
  /** Deltas applied so far (one per poll cycle). */
  cycles(): number;
  bytes(): number;
  /** Cycle start → delta received, ms, since the last `resetLatency()`. */
  latencies(): number[];
  resetLatency(): void;
  resyncs(): number;
  /** `generatedAt` of the last delta: when the dashboard's last cycle started. */
  lastCycleStart(): number;
  close(): void;
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
  let bytes = 0;
  let resyncs = 0;
  let latencies: number[] = [];
  let lastStart = 0;
  countBytes(socket, (n) => (bytes += n));
  socket.on('topology:snapshot', (s: TopologySnapshot) => {
    topology = s.topology;
    version = s.version ?? -1;
  });
  socket.on('topology:delta', (d: TopologyPatch) => {
    cycles++;
    latencies.push(Date.now() - d.generatedAt);
    lastStart = d.generatedAt;
    const next = topology ? applyTopologyPatch(topology, version, d) : null;
    if (next) {
      topology = next;
      version = d.version;
    } else {
      resyncs++;
      socket.emit('topology:resync');
    }
  });
  socket.on('topology:update', () => {
    if (mode === 'legacy') cycles++;
  });
  return {
    topology: () => topology,
    cycles: () => cycles,
    bytes: () => bytes,
    latencies: () => latencies,
    resetLatency: () => (latencies = []),
    resyncs: () => resyncs,
    lastCycleStart: () => lastStart,
    close: () => socket.close(),
  };
}
