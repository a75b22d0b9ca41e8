// Counted `node:watch` subscriptions on the shared socket. The server keeps one watch per socket
// and node, so the charts and the log panel of one node must not unwatch each other.
import { getSocket } from './socket-client';

const counts = new Map<string, number>();
let isHooked = false;

/** Starts watching `nodeId` (again after every reconnect); call the returned function to stop. */
export function watchNode(nodeId: string): () => void {
  const socket = getSocket();
  if (!isHooked) {
    isHooked = true;
    // The server forgets watches when the socket reconnects.
    socket.on('connect', () => {
      for (const id of counts.keys()) socket.emit('node:watch', { nodeId: id });
    });
  }
  const before = counts.get(nodeId) ?? 0;
  counts.set(nodeId, before + 1);
  if (before === 0 && socket.connected) socket.emit('node:watch', { nodeId });
  let isDone = false;
  return () => {
    if (isDone) return;
    isDone = true;
    const left = (counts.get(nodeId) ?? 1) - 1;
    if (left > 0) return void counts.set(nodeId, left);
    counts.delete(nodeId);
    if (socket.connected) socket.emit('node:unwatch', { nodeId });
  };
}
