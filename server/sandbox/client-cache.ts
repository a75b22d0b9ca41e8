// One ioredis client per sandbox node, created on first use and closed by stop().
import { Redis } from 'ioredis';
import { logger } from '../logger';
import type { SandboxNode } from './types';

const log = logger('sandbox');

export function createClient(node: SandboxNode, password: string | undefined): Redis {
  const client = new Redis({
    host: node.host,
    port: node.port,
    password,
    // Connect explicitly (get() below): with the offline queue off, a command sent before the
    // socket is ready would fail with "Stream isn't writeable".
    lazyConnect: true,
    // Drills kill nodes: fail fast instead of queueing, and come back quickly after restart().
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 50, 500),
  });
  // Without a listener ioredis prints every reconnect error to the console.
  client.on('error', (err: Error) =>
    log.debug({ node: node.name, err: err.message }, 'sandbox client error'),
  );
  return client;
}

export class ClientCache {
  private readonly clients = new Map<string, Redis>();

  constructor(private readonly password: string | undefined) {}

  /**
   * The node's client, connected when the node is up. If the node is down or paused (or not
   * ready within `readyTimeoutMs`) the client is returned anyway: its commands fail fast.
   */
  async get(node: SandboxNode, readyTimeoutMs = 3_000): Promise<Redis> {
    let client = this.clients.get(node.name);
    if (!client || client.status === 'end') {
      client = createClient(node, this.password);
      this.clients.set(node.name, client);
    }
    // A failed first connect still leaves ioredis retrying, so a later restart() is picked up.
    if (client.status === 'wait') client.connect().catch(() => undefined);
    // A paused node accepts TCP but never answers: waiting would only burn the timeout.
    if (client.status !== 'ready' && node.running && !node.paused)
      await waitReady(client, readyTimeoutMs);
    return client;
  }

  /** After a restart: wait (bounded) until the node's cached client has reconnected. */
  async settle(name: string, timeoutMs = 2_000): Promise<void> {
    const client = this.clients.get(name);
    if (client && client.status !== 'ready' && client.status !== 'wait')
      await waitReady(client, timeoutMs);
  }

  closeAll(): void {
    for (const client of this.clients.values()) client.disconnect();
    this.clients.clear();
  }
}

function waitReady(client: Redis, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
  });
}
