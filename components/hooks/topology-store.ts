// Live topology (snapshot, deltas, events) and the connection state, fed by the shared socket:
// the node page and the overview see the same state without waiting for a new snapshot.
import { onParsed } from './socket-client';
import { createSocketStore } from './socket-store';
import {
  INITIAL_TOPOLOGY_STATE,
  addEvent,
  applyDelta,
  applySnapshot,
  setConnection,
  type TopologyState,
} from '@/components/topology/topology-state';
import { applyPatchToState, type HeldTopology } from '@/components/scale/topology-patch-state';

/** The topology and delta version the state is at; null until a versioned snapshot arrives. */
let held: HeldTopology | null = null;
let resyncing = false;

const store = createSocketStore<TopologyState>(INITIAL_TOPOLOGY_STATE, (socket, apply) => {
  socket.on('connect', () => apply((s) => setConnection(s, 'live')));
  socket.on('disconnect', () => apply((s) => setConnection(s, 'reconnecting')));
  socket.on('connect_error', () => apply((s) => setConnection(s, 'reconnecting')));
  socket.on('topology:snapshot', (snap) => {
    held = snap.version === undefined ? null : { topology: snap.topology, version: snap.version };
    resyncing = false;
    apply((s) => applySnapshot(s, snap));
  });
  socket.on('topology:delta', (patch) => {
    if (resyncing) return;
    let missed = false;
    apply((s) => {
      const next = applyPatchToState(s, held, patch);
      if (!next) {
        missed = true;
        return s;
      }
      held = next.held;
      return next.state;
    });
    if (!missed) return;
    // A missed version: ask for the whole snapshot once and drop deltas until it comes.
    resyncing = true;
    socket.emit('topology:resync');
  });
  socket.on('topology:update', (delta) => apply((s) => applyDelta(s, delta)));
  onParsed(socket, 'topology:event', (event) => apply((s) => addEvent(s, event)));
  if (socket.connected) apply((s) => setConnection(s, 'live'));
});

export const subscribeTopology = store.subscribe;
export const getTopologyState = store.get;
export const getServerTopologyState = store.getServer;
