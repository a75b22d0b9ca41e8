// One long-lived connection per Redis node, reused by every poll. A dead node never piles up
// commands (no offline queue), and its connection error becomes node state, never a rejection
// that escapes.
import Redis from 'ioredis';
import { parseClusterInfo, type ClusterInfoReading } from '../../lib/cluster/cluster-parse';
import type { NodeError } from '../../lib/contracts';
import { bareRecord, isHostileName } from '../../lib/info/safe-record';
import { FULL_PLAN, type PollPlan } from '../monitor/poll-tiers';
import { classifyConnectionError } from './connection-error';
import { backoff, linkOptions, type LinkOptions } from './connection-options';


/**
 * Replication-relevant parameters read with CONFIG GET (never secrets such as masterauth).
 * One CONFIG GET per name keeps pre-7 servers (one pattern per call) working; they ride in the
 * same pipeline as INFO, so it is still one round trip.
 */
export const CONFIG_PARAMS = [
  'save',
  'appendonly',
  'repl-backlog-size',
  'repl-backlog-ttl',
  'repl-timeout',
  'repl-ping-replica-period',
  'tcp-keepalive',
  'repl-diskless-sync',
  'repl-diskless-sync-delay',
  'repl-diskless-load',
  'client-output-buffer-limit',
  'min-replicas-to-write',
  'min-replicas-max-lag',
  'replica-read-only',
  'replica-serve-stale-data',
  'replica-priority',
  'maxmemory',
  'maxmemory-policy',
  // Redis Cluster: when a replica may still fail over, and when replicas migrate.
  'cluster-node-timeout',
  'cluster-replica-validity-factor',
  'cluster-migration-barrier',
];

const CLUSTER_ENABLED = /^cluster_enabled:1\r?$/m;

export type PollResult =
  | {
      ok: true;
      info: string;
      /** Present when asked for and allowed; `configError` says why not otherwise. */
      config?: Record<string, string>;
      configError?: string;
      /**
       * CLUSTER INFO, read in the same pipeline when the node's previous INFO said
       * `cluster_enabled:1`; absent otherwise, or when the node refused it (the INFO still counts).
       */
      clusterInfo?: ClusterInfoReading;
      latencyMs: number;
      at: number;
    }
  | { ok: false; error: NodeError; at: number };

export interface NodeClientOptions extends LinkOptions {
  /** Called when an established connection closes (the node died or cut us off). */
  onLost?: () => void;
}

function readConfigReplies(replies: Array<[Error | null, unknown]>): { config?: Record<string, string>; configError?: string } {
  // The names come from the node: no prototype to write through or inherit from (safe-record.ts).
  const config = bareRecord<string>();
  for (const [err, reply] of replies) {
    if (err) return { configError: classifyConnectionError(err).message };
    if (!Array.isArray(reply)) continue;
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const name = String(reply[i]).toLowerCase();
      if (!isHostileName(name)) config[name] = String(reply[i + 1]);
    }
  }
  return { config };
}

/** A poll in flight answers a caller when it asks at least for the same sections and CONFIG. */
function covers(have: PollPlan, want: PollPlan): boolean {
  return (have.withConfig || !want.withConfig) && want.sections.every((s) => have.sections.includes(s));
}

export class NodeClient {
  private readonly redis: Redis;
  private lastError: NodeError | null = null;
  private inFlight: { promise: Promise<PollResult>; plan: PollPlan } | null = null;
  /** Redis < 7 rejects `INFO a b c`; we fall back to the default section set once. */
  private multiSectionInfo = true;
  /** The last INFO said `cluster_enabled:1`: CLUSTER INFO rides the next polls' pipeline. */
  private clusterEnabled = false;

  constructor(private readonly opts: NodeClientOptions) {
    // First retry at once: a refused reconnect tells us why the link dropped (refused vs
    // timeout) before the early poll reports it. Then exponential, capped.
    const options = linkOptions(opts, 'replicaops', backoff(opts.maxBackoffMs, 5));
    this.redis = new Redis(options);
    this.redis.on('error', (err) => {
      const e = classifyConnectionError(err);
      if (e.code !== this.lastError?.code) opts.log.debug({ node: `${opts.host}:${opts.port}`, code: e.code }, 'connection error');
      this.lastError = e;
    });
    let wasReady = false;
    // lastError is cleared by a successful INFO, not by 'ready': a server that accepts the
    // connection and then answers garbage is ready for an instant on every reconnect.
    this.redis.on('ready', () => {
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

  /**
   * A command that fails because the socket just closed says only "Stream isn't writeable" or
   * "Connection is closed"; the connection's own error event (protocol error, refused…) said why.
   */
  private moreSpecific(e: NodeError): NodeError {
    return e.code === 'unknown' && this.lastError && this.lastError.code !== 'unknown' ? this.lastError : e;
  }

  get status(): string {
    return this.redis.status;
  }

  /**
   * One round trip: INFO of the plan's sections (Redis ≥ 7 answers several names in one
   * command), plus CLUSTER INFO on a cluster node and CONFIG GET when the plan says so, pipelined. Never two in flight for one
   * node: a caller arriving while the previous poll is still out waits on that one — unless it
   * wants a section or CONFIG that one does not ask for, then a poll for it follows right after.
   * Resolves by `deadlineMs` at the latest and never rejects: every failure is `{ ok: false }`.
   */
  async poll(deadlineMs: number, plan: PollPlan = FULL_PLAN): Promise<PollResult> {
    const shared = this.sharedPoll(plan);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<PollResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, at: Date.now(), error: { code: 'timeout', message: `no INFO reply within ${deadlineMs} ms` } }),
        deadlineMs,
      );
    });
    try {
      return await Promise.race([shared, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private sharedPoll(plan: PollPlan): Promise<PollResult> {
    const current = this.inFlight;
    if (current && covers(current.plan, plan)) return current.promise;
    const promise = (current ? current.promise.then(() => this.safeInfo(plan)) : this.safeInfo(plan)).finally(() => {
      if (this.inFlight?.promise === promise) this.inFlight = null;
    });
    this.inFlight = { promise, plan };
    return promise;
  }

  /** runInfo with any rejection (a dropped socket mid-fallback, a bug) turned into node state. */
  private async safeInfo(plan: PollPlan): Promise<PollResult> {
    try {
      return await this.runInfo(plan);
    } catch (err) {
      this.lastError = this.moreSpecific(classifyConnectionError(err));
      return { ok: false, at: Date.now(), error: this.lastError };
    }
  }

  private async runInfo(plan: PollPlan): Promise<PollResult> {
    const { withConfig } = plan;
    const started = performance.now();
    // A connection attempt in progress (first poll of a new node, or a reconnect): wait for its
    // outcome rather than report a node as down that is merely being dialled. The caller's
    // deadline bounds the wait.
    if (this.redis.status === 'connecting' || this.redis.status === 'wait') await this.settled();
    if (this.redis.status !== 'ready' && this.redis.status !== 'connect') {
      return { ok: false, at: Date.now(), error: this.lastError ?? { code: 'unknown', message: `connection ${this.redis.status}` } };
    }
    const withCluster = this.clusterEnabled;
    let replies: Array<[Error | null, unknown]>;
    try {
      replies = await this.send(plan, withCluster);
    } catch (err) {
      this.lastError = this.moreSpecific(classifyConnectionError(err));
      return { ok: false, at: Date.now(), error: this.lastError };
    }
    const [infoErr, infoReply] = replies[0] ?? [new Error('empty pipeline reply'), null];
    if (infoErr) {
      const error = classifyConnectionError(infoErr);
      if (/syntax error/i.test(error.message) && this.multiSectionInfo) {
        // Pre-7 servers reject several section names: ask for the default set from now on.
        this.multiSectionInfo = false;
        return this.runInfo(plan);
      }
      // A command error on an open socket (e.g. NOAUTH) is the node's state too.
      this.lastError = this.moreSpecific(error);
      return { ok: false, at: Date.now(), error: this.lastError };
    }
    let info = String(infoReply);
    if (this.multiSectionInfo && !info.includes('# Stats')) {
      // Some servers answer only the first section name; use the default set instead.
      this.multiSectionInfo = false;
      info = String(await this.redis.call('INFO'));
    }
    this.lastError = null;
    this.clusterEnabled = CLUSTER_ENABLED.test(info);
    const result: PollResult = { ok: true, info, latencyMs: performance.now() - started, at: Date.now() };
    const [clusterErr, clusterReply] = withCluster ? (replies[1] ?? [null, null]) : [null, null];
    if (withCluster && !clusterErr && typeof clusterReply === 'string') result.clusterInfo = parseClusterInfo(clusterReply);
    if (withConfig) Object.assign(result, readConfigReplies(replies.slice(withCluster ? 2 : 1)));
    return result;
  }

  /**
   * The poll's commands, as `[error, reply]` pairs in order. Most polls are one INFO: sent as a
   * plain command, without a pipeline object and its bookkeeping (1,000 of them a second).
   */
  private async send(plan: PollPlan, withCluster: boolean): Promise<Array<[Error | null, unknown]>> {
    const info = ['INFO', ...(this.multiSectionInfo ? plan.sections : [])] as const;
    if (!withCluster && !plan.withConfig) {
      try {
        return [[null, await this.redis.call(...info)]];
      } catch (err) {
        // As a pipeline reports it: the command's error (NOAUTH, syntax, a dropped socket).
        return [[err instanceof Error ? err : new Error(String(err)), null]];
      }
    }
    const pipeline = this.redis.pipeline();
    pipeline.call(...info);
    if (withCluster) pipeline.call('CLUSTER', 'INFO');
    if (plan.withConfig) for (const name of CONFIG_PARAMS) pipeline.call('CONFIG', 'GET', name);
    return (await pipeline.exec()) ?? [];
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
