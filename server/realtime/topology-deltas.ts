// Versioned topology deltas for the clients that ask for them (`query: { topology: 'delta' }`):
// a snapshot with its version on connect and on `topology:resync`, then each time the monitor's
// topology changes (each cycle, and a lost node shown unreachable between cycles) only the fields
// that changed. Other clients keep the per-change `topology:update`.
import type { Socket } from 'socket.io';
import type { Ack, Topology, TopologyDelta, TopologySnapshot } from '../../lib/contracts';
import { isEmptyDelta } from '../../lib/topology/diff-topology';
import { diffTopologyVersions } from '../../lib/topology/topology-delta';
import type { RealtimeServer } from './socket-gateway';

const ROOM = 'topology:deltas';

/** A client may send anything where the ack goes; only a function is called. */
function reply(ack: unknown, result: Parameters<Ack>[0]): void {
  if (typeof ack === 'function') ack(result);
}

export interface TopologyDeltas {
  /**
   * Joins a delta client to the delta room and sends it the versioned snapshot. `allowed` is
   * asked at each of the client's requests: a session that ended gets nothing more.
   */
  connect(socket: Pick<Socket, 'handshake' | 'join' | 'emit' | 'on'>, allowed: () => boolean): void;
  /** Each new topology, in order: a delta to the delta room, the legacy delta to everyone else. */
  push(topology: Topology, legacy: TopologyDelta): void;
}

/** Connected clients outside the delta room: the ones the per-change `topology:update` is for. */
function legacyClients(io: RealtimeServer): number {
  return io.sockets.sockets.size - (io.sockets.adapter.rooms.get(ROOM)?.size ?? 0);
}

export function topologyDeltas(
  io: RealtimeServer,
  snapshot: () => TopologySnapshot,
): TopologyDeltas {
  let version = 0;
  // What version 0 is: the monitor's topology (or its empty placeholder) when the gateway starts.
  let current: Topology = snapshot().topology;
  const versioned = (): TopologySnapshot => ({ ...snapshot(), topology: current, version });
  return {
    connect(socket, allowed) {
      if (socket.handshake.query.topology !== 'delta') {
        socket.emit('topology:snapshot', snapshot());
        return;
      }
      void socket.join(ROOM);
      socket.emit('topology:snapshot', versioned());
      // A client that missed a version re-reads once.
      socket.on('topology:resync', (ack?: unknown) => {
        if (!allowed()) return reply(ack, { ok: false, error: 'unauthorized' });
        socket.emit('topology:snapshot', versioned());
        reply(ack, { ok: true });
      });
    },
    push(topology, legacy) {
      // socket.io encodes a broadcast before it looks for recipients: at 1,000 nodes the legacy
      // update is ≈ 450 KB of JSON a cycle, so it is built only when a client will receive it.
      if (!isEmptyDelta(legacy) && legacyClients(io) > 0) io.except(ROOM).emit('topology:update', legacy);
      const delta = diffTopologyVersions(current, topology, version);
      current = topology;
      version = delta.version;
      io.to(ROOM).emit('topology:delta', delta);
      // The patch covers nodes and links; the Cluster and Sentinel models (small, sent whole when
      // they changed) reach delta clients as an update without node or link changes.
      const extras = {
        ...(legacy.cluster !== undefined ? { cluster: legacy.cluster } : {}),
        ...(legacy.sentinels ? { sentinels: legacy.sentinels } : {}),
        ...(legacy.groups ? { groups: legacy.groups } : {}),
      };
      if (Object.keys(extras).length)
        io.to(ROOM).emit('topology:update', { generatedAt: legacy.generatedAt, nodes: [], links: [], removedNodes: [], removedLinks: [], ...extras });
    },
  };
}
