// One socket.io connection per browser tab, typed from the wire contract and shared by every hook.
import { io, type Socket } from 'socket.io-client';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@/lib/contracts';

export type ReplicaOpsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ReplicaOpsSocket | null = null;

export function getSocket(): ReplicaOpsSocket {
  socket ??= io({ path: SOCKET_PATH });
  return socket;
}
