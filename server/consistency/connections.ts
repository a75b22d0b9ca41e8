// The checks' own Redis connections. Never the monitor's: a long SCAN or a canary watch loop
// must not delay a poll. Credentials come from the same resolver the monitor uses.
import Redis from 'ioredis';
import type { NodeCredentials } from '../config';
import { logger } from '../logger';
import { parseNodeId } from '../redis/redis-url';
import { backoff, connectionOptions, NEVER_RECONNECT } from '../redis/connection-options';

const log = logger('consistency');

export interface CredentialSource {
  credentialsFor(id: string): NodeCredentials;
}

export interface CheckConnectionOptions {
  commandTimeoutMs: number;
  connectTimeoutMs?: number;
  /** Shown in CLIENT LIST so an operator sees who is reading. */
  name: string;
  /** Long-lived loops (heartbeat) reconnect; a compare run fails fast instead. */
  reconnect?: boolean;
}

export function openConnection(id: string, credentials: NodeCredentials, opts: CheckConnectionOptions): Redis {
  const { host, port } = parseNodeId(id);
  const options = connectionOptions({
    host,
    port,
    credentials,
    name: opts.name,
    connectTimeoutMs: opts.connectTimeoutMs ?? 2000,
    commandTimeoutMs: opts.commandTimeoutMs,
    retryStrategy: opts.reconnect ? backoff(2000) : NEVER_RECONNECT,
  });
  const redis = new Redis(options);
  // Without a listener ioredis prints every connection error to the console.
  redis.on('error', (err: Error) => log.debug({ node: id, err: err.message }, 'check connection error'));
  return redis;
}

/** Opens and waits for the connection; rejects with the reason when the node does not answer. */
export async function connect(redis: Redis): Promise<Redis> {
  if (redis.status === 'wait') await redis.connect();
  return redis;
}

/** Waits (at most `timeoutMs`) for a connection being dialled, so its first command is not refused. */
export function ready(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready' || redis.status === 'end' || redis.status === 'close') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
    redis.once('error', done);
  });
}

/** One reconnecting connection per node id, for the periodic loops. */
export class ConnectionSet {
  private readonly conns = new Map<string, Redis>();

  constructor(
    private readonly credentials: CredentialSource,
    private readonly opts: CheckConnectionOptions,
  ) {}

  /** The node's connection, given up to `readyMs` to finish dialling. */
  async ready(id: string, readyMs: number): Promise<Redis> {
    const c = this.get(id);
    await ready(c, readyMs);
    return c;
  }

  get(id: string): Redis {
    let c = this.conns.get(id);
    if (!c || c.status === 'end') {
      c = openConnection(id, this.credentials.credentialsFor(id), { ...this.opts, reconnect: true });
      c.connect().catch(() => undefined); // failures show up as command errors
      this.conns.set(id, c);
    }
    return c;
  }

  /** Closes the connections of nodes no longer in `keep`. */
  prune(keep: Set<string>): void {
    for (const [id, c] of this.conns) {
      if (keep.has(id)) continue;
      c.disconnect();
      this.conns.delete(id);
    }
  }

  closeAll(): void {
    this.prune(new Set());
  }
}

/** Replication offset as ROLE reports it: the master's own, or what a replica has processed. */
export async function replicationOffset(redis: Redis): Promise<number> {
  const role = await redis.call('ROLE');
  const value = Array.isArray(role) ? (role[0] === 'master' ? role[1] : role[4]) : undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`unexpected ROLE reply: ${JSON.stringify(role).slice(0, 120)}`);
  return n;
}
