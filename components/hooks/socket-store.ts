// A module-level store fed by the shared socket, for useSyncExternalStore. It outlives page
// navigations, and it starts listening on the first subscription (the app header subscribes on
// every page), so a snapshot the server sends on connect is never missed.
import { getSocket, type ReplicaOpsSocket } from './socket-client';

export interface SocketStore<S> {
  subscribe(listener: () => void): () => void;
  get(): S;
  /** What the server render sees: the initial state. */
  getServer(): S;
}

/** `wire` registers the socket listeners; `apply` replaces the state with what a reducer returned. */
export function createSocketStore<S>(initial: S, wire: (socket: ReplicaOpsSocket, apply: (reduce: (state: S) => S) => void) => void): SocketStore<S> {
  let state = initial;
  let started = false;
  const listeners = new Set<() => void>();
  const apply = (reduce: (state: S) => S) => {
    const next = reduce(state);
    if (next === state) return;
    state = next;
    for (const l of listeners) l();
  };
  return {
    subscribe(listener) {
      if (!started) {
        started = true;
        wire(getSocket(), apply);
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => state,
    getServer: () => initial,
  };
}
