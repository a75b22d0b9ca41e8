// Open findings and the health light, fed by the shared socket. If the socket was already
// connected when the store started, the same data is loaded over REST once.
import { fetchHealth, fetchOpenFindings } from './incidents-api';
import { onParsed } from './socket-client';
import { createSocketStore } from './socket-store';
import {
  INITIAL_FINDINGS_STATE,
  applyFindingsSnapshot,
  setHealth,
  upsertFinding,
  type FindingsState,
} from '@/components/findings/findings-state';

const store = createSocketStore<FindingsState>(INITIAL_FINDINGS_STATE, (socket, apply) => {
  onParsed(socket, 'findings:snapshot', (payload) => apply((s) => applyFindingsSnapshot(s, payload)));
  onParsed(socket, 'finding:opened', (f) => apply((s) => upsertFinding(s, f)));
  onParsed(socket, 'finding:updated', (f) => apply((s) => upsertFinding(s, f)));
  onParsed(socket, 'finding:resolved', (f) => apply((s) => upsertFinding(s, { ...f, state: 'resolved' })));
  onParsed(socket, 'health:update', (h) => apply((s) => setHealth(s, h)));
  if (socket.connected) void loadOverRest(apply);
});

async function loadOverRest(apply: (reduce: (s: FindingsState) => FindingsState) => void): Promise<void> {
  try {
    const [findings, health] = await Promise.all([fetchOpenFindings(), fetchHealth()]);
    // A socket snapshot that arrived meanwhile is newer than this answer.
    apply((s) => (s.hasSnapshot ? s : applyFindingsSnapshot(s, { findings, health })));
  } catch {
    // the socket snapshot on the next (re)connect fills the store
  }
}

export const subscribeFindings = store.subscribe;
export const getFindingsState = store.get;
export const getServerFindingsState = store.getServer;
