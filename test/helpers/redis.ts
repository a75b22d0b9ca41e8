// Small Redis probes shared by the integration tests.
import net from 'node:net';
import type { Redis } from 'ioredis';

/** One INFO section as `field → value` (section headers dropped). */
export async function infoSection(client: Redis, section: string): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  for (const line of (await client.info(section)).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return fields;
}

/** Whether a TCP connection to host:port is accepted (false on refusal or after `timeoutMs`). */
export function acceptsConnections(
  host: string,
  port: number,
  timeoutMs = 1_000,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Whether `pid` is still a live process (ESRCH means it is gone and reaped). */
export { isProcessAlive } from '../../server/actions/action-lock';
