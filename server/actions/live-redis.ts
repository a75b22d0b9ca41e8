// Short-lived connections for one plan or one run, apart from the monitor's pooled ones: an
// action never queues behind a poll, never reconnects behind our back, and is closed when done.
import Redis from 'ioredis';
import { parseInfo } from '../../lib/info/info-parser';
import { totalKeys } from '../../lib/topology/node-metrics';
import { replicaEntryId, upstreamOf } from '../../lib/topology/derive-topology';
import type { NodeCredentials } from '../config';
import { classifyConnectionError } from '../redis/connection-error';
import { parseNodeId } from '../redis/redis-url';
import { connectionOptions, NEVER_RECONNECT } from '../redis/connection-options';
import type { LiveNode } from './types';

export interface LiveRedisOptions {
  credentialsFor(id: string): NodeCredentials;
  canonical(id: string): string;
  /**
   * The perimeter: only nodes of the topology are ever dialled (with their credentials). Checked
   * before the socket opens, so a refused address sees no connection at all.
   */
  isAllowed(id: string): boolean;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/** Rejects after `ms` with a message naming what timed out. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** A connection to an address that is not a node of the topology was refused before dialling. */
export class OutsideTopologyError extends Error {
  constructor(readonly id: string) {
    super(`${id} is not a node of the topology: ReplicaOps connects only to topology nodes`);
  }
}

export class LiveRedis {
  private readonly clients = new Map<string, Redis>();
  /** Connections being opened: concurrent callers for one node share the attempt. */
  private readonly opening = new Map<string, Promise<Redis>>();

  constructor(private readonly opts: LiveRedisOptions) {}

  private client(id: string): Promise<Redis> {
    const existing = this.clients.get(id);
    if (existing && (existing.status === 'ready' || existing.status === 'connect'))
      return Promise.resolve(existing);
    let pending = this.opening.get(id);
    if (!pending) {
      existing?.disconnect();
      pending = this.open(id).finally(() => this.opening.delete(id));
      this.opening.set(id, pending);
    }
    return pending;
  }

  private async open(id: string): Promise<Redis> {
    if (!this.opts.isAllowed(id)) throw new OutsideTopologyError(id);
    const { host, port } = parseNodeId(id);
    const options = connectionOptions({
      host,
      port,
      credentials: this.opts.credentialsFor(id),
      name: 'replicaops-action',
      connectTimeoutMs: this.opts.connectTimeoutMs,
      commandTimeoutMs: this.opts.commandTimeoutMs,
      // A command must go to the node we checked, now, or fail: never a silent retry later.
      retryStrategy: NEVER_RECONNECT,
    });
    const redis = new Redis(options);
    redis.on('error', () => undefined); // the rejected command carries the cause
    this.clients.set(id, redis);
    await redis.connect();
    return redis;
  }

  /** One command; a Redis error reply rejects with its text. */
  async call(
    id: string,
    args: readonly string[],
    timeoutMs = this.opts.commandTimeoutMs,
  ): Promise<unknown> {
    const [cmd, ...rest] = args;
    if (!cmd) throw new Error('empty command');
    const redis = await this.client(id);
    return withTimeout(redis.call(cmd, ...rest), timeoutMs, `${cmd} on ${id}`);
  }

  /** Commands in one MULTI/EXEC: no other client's command runs between them. */
  async transaction(
    id: string,
    commands: ReadonlyArray<readonly string[]>,
    timeoutMs = this.opts.commandTimeoutMs,
  ): Promise<unknown[]> {
    const redis = await this.client(id);
    const multi = redis.multi();
    for (const [cmd, ...rest] of commands) if (cmd) multi.call(cmd, ...rest);
    const replies = (await withTimeout(multi.exec(), timeoutMs, `MULTI/EXEC on ${id}`)) ?? [];
    const failed = replies.find(([err]) => err);
    if (failed?.[0]) throw failed[0];
    return replies.map(([, r]) => r);
  }

  /** `CONFIG GET name` → value ('' when Redis knows the name but it is empty), null when unknown. */
  async configGet(id: string, name: string): Promise<string | null> {
    const reply = await this.call(id, ['CONFIG', 'GET', name]);
    return Array.isArray(reply) && reply.length >= 2 ? String(reply[1]) : null;
  }

  /**
   * How many Sentinels hold connections to the node (they name them `sentinel-<id>-cmd` /
   * `-pubsub`); null when CLIENT LIST is refused or the node does not answer.
   */
  async sentinels(id: string): Promise<number | null> {
    try {
      const list = String(await this.call(id, ['CLIENT', 'LIST']));
      return new Set([...list.matchAll(/\bname=sentinel-([0-9a-f]+)-/g)].map((m) => m[1])).size;
    } catch {
      return null;
    }
  }

  /** The node as it is right now; never throws (an unreachable node is a value). */
  async probe(rawId: string): Promise<LiveNode> {
    const id = this.opts.canonical(rawId);
    let text: string;
    try {
      text = String(await this.call(id, ['INFO']));
    } catch (err) {
      this.clients.get(id)?.disconnect();
      this.clients.delete(id);
      return {
        id,
        reachable: false,
        error:
          err instanceof OutsideTopologyError
            ? { code: 'unknown', message: err.message }
            : classifyConnectionError(err),
        replicas: [],
        masterOffset: 0,
        syncFull: 0,
        keys: 0,
        usedMemory: 0,
      };
    }
    const info = parseInfo(text);
    const r = info.replication;
    const stats = info.sections.stats ?? {};
    const linkStatus =
      r.role !== 'replica'
        ? undefined
        : r.master_link_status === 'up'
          ? 'up'
          : r.master_sync_in_progress
            ? 'sync'
            : 'down';
    return {
      id,
      reachable: true,
      role: r.role === 'unknown' ? undefined : r.role,
      version: info.sections.server?.redis_version,
      upstream: upstreamOf(info, this.opts.canonical),
      linkStatus,
      masterOffset: r.master_repl_offset ?? 0,
      replicaOffset: r.slave_repl_offset,
      replid: r.master_replid,
      syncFull: Number(stats.sync_full ?? 0),
      syncPartialOk: Number(stats.sync_partial_ok ?? 0),
      keys: totalKeys(info),
      usedMemory: Number(info.sections.memory?.used_memory ?? 0),
      replicas: r.replicas.map((e) => ({
        id: replicaEntryId(e, this.opts.canonical),
        state: e.state,
        offset: e.offset,
        lag: e.lag,
      })),
      syncInProgress: r.master_sync_in_progress ?? false,
      syncReadBytes: r.master_sync_read_bytes,
      syncTotalBytes: r.master_sync_total_bytes,
      failoverState: r.master_failover_state,
      configFile: info.sections.server?.config_file,
      loading: info.sections.persistence?.loading === '1',
      memory: {
        notCountedForEvict: Number(info.sections.memory?.mem_not_counted_for_evict ?? 0) || 0,
        datasetBytes: Number(info.sections.memory?.used_memory_dataset ?? 0) || 0,
        expiringKeys: info.keyspace.reduce((sum, db) => sum + db.expires, 0),
        backlogBytes: r.repl_backlog_size ?? 0,
        lastBgsaveSeconds: Math.max(
          0,
          Number(info.sections.persistence?.rdb_last_bgsave_time_sec ?? 0) || 0,
        ),
      },
    };
  }

  close(): void {
    for (const c of this.clients.values()) c.disconnect();
    this.clients.clear();
  }
}
