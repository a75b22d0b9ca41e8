// Socket plumbing for the fault proxy: (re)listening on its fixed port, and waiting for a
// refusing upstream to accept again.
import net from 'node:net';
import { logger } from '../../logger';
import type { UpstreamAddress } from '../types';
import { sleep } from '../wait';

const log = logger('faults');
const LISTEN_ATTEMPTS = 5;
const UPSTREAM_POLL_MS = 200;

/** Listens on host:port, retrying a while if the port is briefly taken. */
export async function listenOn(
  host: string,
  port: number,
  onConnection: (socket: net.Socket) => void,
): Promise<net.Server> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await listen(host, port, onConnection);
    } catch (err) {
      // Only another program can take the port meanwhile (free-port keeps it reserved here).
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= LISTEN_ATTEMPTS)
        throw err;
      await sleep(100 * attempt);
    }
  }
}

function listen(
  host: string,
  port: number,
  onConnection: (socket: net.Socket) => void,
): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    // allowHalfOpen: a FIN from one side is forwarded (after its delayed bytes), not acted on.
    const server = net.createServer({ allowHalfOpen: true }, onConnection);
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      server.on('error', (err) => log.warn({ err: err.message }, 'fault proxy server error'));
      resolve(server);
    });
  });
}

/**
 * Tries a TCP connect to `address` every 200 ms until one succeeds, then calls `onUp`.
 * Returns a cancel function.
 */
export function whenAccepting(address: UpstreamAddress, onUp: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let isCancelled = false;
  const attempt = () => {
    timer = setTimeout(() => {
      const probe = net.connect(address);
      probe.once('connect', () => {
        probe.destroy();
        if (!isCancelled) onUp();
      });
      probe.once('error', () => {
        if (!isCancelled) attempt();
      });
    }, UPSTREAM_POLL_MS);
  };
  attempt();
  return () => {
    isCancelled = true;
    clearTimeout(timer);
  };
}
