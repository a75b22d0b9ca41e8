// One socket.io connection per browser tab, typed from the wire contract and shared by every hook.
import { io, type Socket } from 'socket.io-client';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@/lib/contracts';
import { fetchMe } from './auth-api';
import { redirectToLogin } from './login-redirect';

export type ReplicaOpsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ReplicaOpsSocket | null = null;

/** The server dropped us on purpose: a session that ended goes to the login page, else reconnect. */
async function afterServerDisconnect(s: ReplicaOpsSocket): Promise<void> {
  try {
    const me = await fetchMe();
    if (me.authEnabled && !me.user) return redirectToLogin();
  } catch {
    // server unreachable: reconnecting retries until it is back
  }
  s.connect();
}

function createSocket(): ReplicaOpsSocket {
  // `topology: 'delta'`: versioned field-level deltas instead of whole changed nodes each cycle.
  const s: ReplicaOpsSocket = io({ path: SOCKET_PATH, query: { topology: 'delta' } });
  // With auth on, the handshake is refused without a session.
  s.on('connect_error', (err) => {
    if (err.message === 'unauthorized') redirectToLogin();
  });
  s.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') void afterServerDisconnect(s);
  });
  return s;
}

export function getSocket(): ReplicaOpsSocket {
  socket ??= createSocket();
  return socket;
}
