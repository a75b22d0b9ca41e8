// Live topology (snapshot, deltas, events) and the connection state, fed by the shared socket:
// the node page and the overview see the same state without waiting for a new snapshot.
import { createSocketStore } from './socket-store';
import {
  INITIAL_TOPOLOGY_STATE,
  addEvent,
  applyDelta,
  applySnapshot,
  setConnection,
  type TopologyState,
} from '@/components/topology/topology-state';

const store = createSocketStore<TopologyState>(INITIAL_TOPOLOGY_STATE, (socket, apply) => {
  socket.on('connect', () => apply((s) => setConnection(s, 'live')));
  socket.on('disconnect', () => apply((s) => setConnection(s, 'reconnecting')));
  socket.on('connect_error', () => apply((s) => setConnection(s, 'reconnecting')));
  socket.on('topology:snapshot', (snap) => apply((s) => applySnapshot(s, snap)));
  socket.on('topology:update', (delta) => apply((s) => applyDelta(s, delta)));
  socket.on('topology:event', (event) => apply((s) => addEvent(s, event)));
  if (socket.connected) apply((s) => setConnection(s, 'live'));
});

export const subscribeTopology = store.subscribe;
export const getTopologyState = store.get;
export const getServerTopologyState = store.getServer;
