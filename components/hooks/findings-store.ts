// Module-level store of open findings and the health light, fed by the shared socket. It starts
// with the app header (every page), so the `findings:snapshot` sent on connect is never missed;
// if the socket was already connected, it loads the same data over REST once.
import { getSocket } from './socket-client';
import { fetchHealth, fetchOpenFindings } from './incidents-api';
import {
  INITIAL_FINDINGS_STATE,
  applyFindingsSnapshot,
  setHealth,
  upsertFinding,
  type FindingsState,
} from '@/components/findings/findings-state';

let state: FindingsState = INITIAL_FINDINGS_STATE;
let started = false;
const listeners = new Set<() => void>();

function update(next: FindingsState): void {
  if (next === state) return;
  state = next;
  for (const l of listeners) l();
}

async function loadOverRest(): Promise<void> {
  try {
    const [findings, health] = await Promise.all([fetchOpenFindings(), fetchHealth()]);
    // A socket snapshot that arrived meanwhile is newer than this answer.
    if (!state.hasSnapshot) update(applyFindingsSnapshot(state, { findings, health }));
  } catch {
    // the socket snapshot on the next (re)connect fills the store
  }
}

function start(): void {
  if (started) return;
  started = true;
  const socket = getSocket();
  socket.on('findings:snapshot', (payload) => update(applyFindingsSnapshot(state, payload)));
  socket.on('finding:opened', (f) => update(upsertFinding(state, f)));
  socket.on('finding:updated', (f) => update(upsertFinding(state, f)));
  socket.on('finding:resolved', (f) => update(upsertFinding(state, { ...f, state: 'resolved' })));
  socket.on('health:update', (h) => update(setHealth(state, h)));
  if (socket.connected) void loadOverRest();
}

export function subscribeFindings(listener: () => void): () => void {
  start();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const getFindingsState = (): FindingsState => state;
export const getServerFindingsState = (): FindingsState => INITIAL_FINDINGS_STATE;
