// One long-lived connection per Redis node, reused by every poll. A dead node never piles up
// commands (no offline queue), and its connection error becomes node state, never a rejection
// that escapes.
import Redis, { type RedisOptions } from 'ioredis';
import type { NodeError } from '../../lib/contracts';
import type { NodeCredentials } from '../config';
import type { Logger } from '../logger';
import { classifyConnectionError } from './connection-error';

/** INFO sections the monitor reads; Redis ≥ 7 answers them in one command. */
export const INFO_SECTIONS = ['replication', 'stats', 'memory', 'persistence', 'server', 'clients', 'cpu', 'keyspace'];

export type PollResult =
  | { ok: true; info: string; latencyMs: number; at: number }
  | { ok: false; error: NodeError; at: number };

export interface NodeClientOptions {
  host: string;
  port: number;
  credentials: NodeCredentials;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  maxBackoffMs: number;
  log: Logger;
  /** Called when an established connection closes (the node died or cut us off). */
  onLost?: () => void;
}

export class NodeClient {
  private readonly redis: Redis;
  private lastError: NodeError | null = null;
  private inFlight: Promise<PollResult> | null = null;
  /** Redis < 7 rejects `INFO a b c`; we fall back to the default section set once. */
  private multiSectionInfo = true;

  constructor(private readonly opts: NodeClientOptions) {
    const { credentials: c } = opts;
    const options: RedisOptions = {
      host: opts.host,
      port: opts.port,
      username: c.username,
      password: c.password,
      tls: c.tls ? (typeof c.tls === 'object' ? { servername: c.tls.servername, rejectUnauthorized: c.tls.rejectUnauthorized } : {}) : undefined,
      connectionName: 'replicaops',
      connectTimeout: opts.connectTimeoutMs,
      commandTimeout: opts.commandTimeoutMs,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // A LOADING replica must still answer INFO: we want to see `loading:1`, not wait for it.
      enableReadyCheck: false,
      lazyConnect: true,
      autoResubscribe: false,
      retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 10), opts.maxBackoffMs),
    };
    this.redis = new Redis(options);
    this.redis.on('error', (err) => {
      const e = classifyConnectionError(err);
      if (e.code !== this.lastError?.code) opts.log.debug({ node: `${opts.host}:${opts.port}`, code: e.code }, 'connection error');
      this.lastError = e;
    });
    let wasReady = false;
    this.redis.on('ready', () => {
      this.lastError = null;
      wasReady = true;
    });
    // A lost connection is news worth acting on before the next scheduled poll.
    this.redis.on('close', () => {
      if (!wasReady) return;
      // Until the reconnect attempt says why (refused, timeout…), say what we know.
      this.lastError ??= { code: 'unknown', message: 'connection closed by the node' };
      wasReady = false;
      opts.onLost?.();
    });
    // The rejection says only "Connection is closed"; the 'error' event before it has the cause.
    this.redis.connect().catch((err: unknown) => {
      this.lastError ??= classifyConnectionError(err);
    });
  }

  get status(): string {
    return this.redis.status;
  }

  /**
   * One INFO round trip. Never two in flight for one node: a caller arriving while the previous
   * poll is still out waits on that one. Resolves by `deadlineMs` at the latest.
   */
  async poll(deadlineMs: number): Promise<PollResult> {
    this.inFlight ??= this.runInfo().finally(() => {
      this.inFlight = null;
    });
    const timer = new Promise<PollResult>((resolve) => {
      const t = setTimeout(
        () => resolve({ ok: false, at: Date.now(), error: { code: 'timeout', message: `no INFO reply within ${deadlineMs} ms` } }),
        deadlineMs,
      );
      t.unref();
    });
    return Promise.race([this.inFlight, timer]);
  }

  private async runInfo(): Promise<PollResult> {
    const started = performance.now();
    // A connection attempt in progress (first poll of a new node, or a reconnect): wait for its
    // outcome rather than report a node as down that is merely being dialled. The caller's
    // deadline bounds the wait.
    if (this.redis.status === 'connecting' || this.redis.status === 'wait') await this.settled();
    if (this.redis.status !== 'ready' && this.redis.status !== 'connect') {
      return { ok: false, at: Date.now(), error: this.lastError ?? { code: 'unknown', message: `connection ${this.redis.status}` } };
    }
    try {
      const args = this.multiSectionInfo ? INFO_SECTIONS : [];
      let info = (await this.redis.call('INFO', ...args)) as string;
      if (this.multiSectionInfo && !info.includes('# Stats')) {
        // Pre-7 servers read only the first section name; ask for the default set instead.
        this.multiSectionInfo = false;
        info = (await this.redis.call('INFO')) as string;
      }
      this.lastError = null;
      return { ok: true, info, latencyMs: performance.now() - started, at: Date.now() };
    } catch (err) {
      const error = classifyConnectionError(err);
      if (/syntax error/i.test(error.message) && this.multiSectionInfo) {
        this.multiSectionInfo = false;
        return this.runInfo();
      }
      // A command error on an open socket (e.g. NOAUTH) is the node's state too.
      this.lastError = error;
      return { ok: false, at: Date.now(), error };
    }
  }

  private settled(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.redis.off('ready', done);
        this.redis.off('error', done);
        this.redis.off('close', done);
        resolve();
      };
      this.redis.once('ready', done);
      this.redis.once('error', done);
      this.redis.once('close', done);
    });
  }

  /** Direct access for later features (actions, checks). Not for the poll loop. */
  get client(): Redis {
    return this.redis;
  }

  close(): void {
    this.redis.disconnect(false);
  }
}
