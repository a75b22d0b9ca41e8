// Module-level live topology store fed by the shared socket. It outlives page navigations, so the
// node page and the overview see the same state without waiting for a new snapshot.
import { getSocket } from './socket-client';
import {
  INITIAL_TOPOLOGY_STATE,
  addEvent,
  applyDelta,
  applySnapshot,
  setConnection,
  type TopologyState,
} from '@/components/topology/topology-state';
import { applyPatchToState, type HeldTopology } from '@/components/scale/topology-patch-state';

let state: TopologyState = INITIAL_TOPOLOGY_STATE;
let started = false;
/** The topology and delta version the state is at; null until a versioned snapshot arrives. */
let held: HeldTopology | null = null;
let resyncing = false;
const listeners = new Set<() => void>();

function update(next: TopologyState): void {
  if (next === state) return;
  state = next;
  for (const l of listeners) l();
}

function start(): void {
  if (started) return;
  started = true;
  const socket = getSocket();
  socket.on('connect', () => update(setConnection(state, 'live')));
  socket.on('disconnect', () => update(setConnection(state, 'reconnecting')));
  socket.on('connect_error', () => update(setConnection(state, 'reconnecting')));
  socket.on('topology:snapshot', (snap) => {
    held = snap.version === undefined ? null : { topology: snap.topology, version: snap.version };
    resyncing = false;
    update(applySnapshot(state, snap));
  });
  socket.on('topology:delta', (patch) => {
    if (resyncing) return;
    const next = applyPatchToState(state, held, patch);
    if (next) {
      held = next.held;
      return update(next.state);
    }
    // A missed version: ask for the whole snapshot once and drop deltas until it comes.
    resyncing = true;
    socket.emit('topology:resync');
  });
  socket.on('topology:update', (delta) => update(applyDelta(state, delta)));
  socket.on('topology:event', (event) => update(addEvent(state, event)));
  if (socket.connected) update(setConnection(state, 'live'));
}

export function subscribeTopology(listener: () => void): () => void {
  start();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const getTopologyState = (): TopologyState => state;
export const getServerTopologyState = (): TopologyState => INITIAL_TOPOLOGY_STATE;
