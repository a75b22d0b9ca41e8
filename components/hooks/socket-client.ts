// One socket.io connection per browser tab, typed from the wire contract and shared by every hook.
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import {
  SOCKET_PATH,
  SOCKET_PAYLOAD_SCHEMAS,
  type ClientToServerEvents,
  type ParsedSocketEvent,
  type ServerToClientEvents,
} from '@/lib/contracts';
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

type ParsedPayload<K extends ParsedSocketEvent> = z.output<(typeof SOCKET_PAYLOAD_SCHEMAS)[K]>;
const PAYLOAD_SCHEMAS: { [K in ParsedSocketEvent]: z.ZodType<ParsedPayload<K>> } = SOCKET_PAYLOAD_SCHEMAS;

/** Payloads dropped because they broke the contract, per event (for debugging). */
export const droppedPayloads = new Map<string, number>();

/** Window event fired for each dropped payload, `detail: { event, issue }` (the e2e tests listen). */
export const DROPPED_PAYLOAD_EVENT = 'replicaops:dropped-payload';

/**
 * Listens to `name` on `socket` with each payload checked against lib/contracts first; one of
 * another shape is dropped (the REST poll or the next event brings the state). Returns the
 * unsubscribe.
 */
export function onParsed<K extends ParsedSocketEvent>(
  socket: ReplicaOpsSocket,
  name: K,
  handler: (payload: ParsedPayload<K>) => void,
): () => void {
  const schema = PAYLOAD_SCHEMAS[name];
  const listener = (payload: unknown) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) handler(parsed.data);
    else {
      droppedPayloads.set(name, (droppedPayloads.get(name) ?? 0) + 1);
      const issue = parsed.error.issues[0];
      const detail = { event: name, issue: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` };
      if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(DROPPED_PAYLOAD_EVENT, { detail }));
    }
  };
  // The untyped view of the same socket: the listener takes `unknown` and parses it itself.
  const raw: Socket = socket;
  const event: string = name;
  raw.on(event, listener);
  return () => {
    raw.off(event, listener);
  };
}
