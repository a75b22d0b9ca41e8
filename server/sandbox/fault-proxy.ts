// A TCP proxy on one replica→upstream link whose faults switch at run time: partition (drop
// or black hole), added latency, bandwidth cap. The replica's `replicaof` points at it.
import net from 'node:net';
import { logger } from '../logger';
import { Channel, TokenBucket, type ChannelShaping } from './fault-injection/proxy-channel';
import { listenOn, whenAccepting } from './fault-injection/proxy-listener';
import { releasePort, reserveFreePorts } from './free-port';
import type { UpstreamAddress } from './types';

const log = logger('faults');

/**
 * `drop`: open connections are closed and new ones refused (ECONNREFUSED), like a dead host.
 * `blackhole`: sockets stay open, nothing crosses in either direction, new connections are
 * accepted by the kernel but go nowhere; only timeouts (repl-timeout) notice.
 */
export type PartitionMode = 'drop' | 'blackhole';

export interface FaultProxyOptions {
  upstream: UpstreamAddress;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: a free port (reserved in this process, so a partition can re-listen on it). */
  port?: number;
  /** Shown in logs, e.g. `r1→m`. */
  name?: string;
  /** Per direction and connection; above it the source socket is paused. Default 1 MiB. */
  maxQueuedBytes?: number;
}

export interface FaultProxyStats {
  /** Replica → upstream bytes delivered. */
  bytesUp: number;
  /** Upstream → replica bytes delivered. */
  bytesDown: number;
  connectionsAccepted: number;
  connectionsOpen: number;
  /** Closed by partition('drop') or because the upstream refused. */
  connectionsDropped: number;
  /** Bytes read but not yet delivered (delayed, rate-limited or held); bounded by backpressure. */
  queuedBytes: number;
}

export interface FaultProxyState {
  partition: PartitionMode | null;
  latencyMs: number;
  bandwidthBytesPerSec: number | null;
  /** The upstream refused us; the proxy refuses too until it answers again. */
  isUpstreamDown: boolean;
}

interface Link {
  client: net.Socket;
  upstream?: net.Socket;
  channels: Channel[];
  /** Failed while black-holed: its other end is closed only on heal (the RST was "lost"). */
  isBroken: boolean;
}

export class FaultProxy {
  private server: net.Server | undefined;
  private readonly links = new Set<Link>();
  private mode: PartitionMode | null = null;
  private delayMs = 0;
  private buckets: { up: TokenBucket; down: TokenBucket } | undefined;
  private isUpstreamDown = false;
  private isClosed = false;
  private listenerOp: Promise<void> = Promise.resolve();
  private cancelPoll: (() => void) | undefined;
  private readonly counters = { bytesUp: 0, bytesDown: 0, accepted: 0, dropped: 0 };
  private readonly maxQueuedBytes: number;
  readonly host: string;
  readonly upstream: UpstreamAddress;
  readonly name: string;

  private constructor(
    options: FaultProxyOptions,
    readonly port: number,
  ) {
    this.host = options.host ?? '127.0.0.1';
    this.upstream = { ...options.upstream };
    this.name = options.name ?? `→${options.upstream.host}:${options.upstream.port}`;
    this.maxQueuedBytes = options.maxQueuedBytes ?? 1024 * 1024;
  }

  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? (await reserveFreePorts(host, 1))[0] ?? 0;
    const proxy = new FaultProxy(options, port);
    try {
      await proxy.syncListener();
    } catch (err) {
      if (options.port === undefined) releasePort(port);
      throw err;
    }
    return proxy;
  }

  /** What a replica puts in `replicaof`. */
  get address(): UpstreamAddress {
    return { host: this.host, port: this.port };
  }

  async partition(mode: PartitionMode): Promise<void> {
    log.info({ proxy: this.name, mode }, 'partition');
    this.mode = mode;
    if (mode === 'drop') for (const link of [...this.links]) this.dropLink(link);
    else for (const link of this.links) for (const ch of link.channels) ch.pump();
    await this.syncListener();
  }

  async heal(): Promise<void> {
    if (this.mode === null) return;
    log.info({ proxy: this.name, was: this.mode }, 'partition healed');
    this.mode = null;
    await this.syncListener();
    for (const link of [...this.links]) {
      if (link.isBroken || link.client.destroyed || link.upstream?.destroyed) this.dropLink(link);
      else if (!link.upstream) this.connectUpstream(link);
      else for (const ch of link.channels) ch.pump();
    }
  }

  /** Added one-way delay per chunk, each direction (a round trip gains 2 × ms). */
  latency(ms: number): void {
    if (!(ms >= 0)) throw new Error(`latency must be >= 0 ms, got ${ms}`);
    log.info({ proxy: this.name, ms }, 'latency');
    this.delayMs = ms;
  }

  /** Cap per direction in bytes per second; null lifts it. */
  bandwidth(bytesPerSec: number | null): void {
    log.info({ proxy: this.name, bytesPerSec }, 'bandwidth');
    this.buckets =
      bytesPerSec === null
        ? undefined
        : { up: new TokenBucket(bytesPerSec), down: new TokenBucket(bytesPerSec) };
    for (const link of this.links) for (const ch of link.channels) ch.pump();
  }

  async clear(): Promise<void> {
    this.latency(0);
    this.bandwidth(null);
    await this.heal();
  }

  state(): FaultProxyState {
    return {
      partition: this.mode,
      latencyMs: this.delayMs,
      bandwidthBytesPerSec: this.buckets?.up.bytesPerSec ?? null,
      isUpstreamDown: this.isUpstreamDown,
    };
  }

  stats(): FaultProxyStats {
    return {
      bytesUp: this.counters.bytesUp,
      bytesDown: this.counters.bytesDown,
      connectionsAccepted: this.counters.accepted,
      connectionsOpen: this.links.size,
      connectionsDropped: this.counters.dropped,
      queuedBytes: [...this.links].reduce(
        (sum, link) => sum + link.channels.reduce((n, ch) => n + ch.queuedBytes, 0),
        0,
      ),
    };
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.cancelPoll?.();
    for (const link of [...this.links]) this.destroyLink(link);
    await this.syncListener();
    releasePort(this.port);
  }

  private onConnection(client: net.Socket): void {
    this.counters.accepted++;
    if (this.isClosed || this.mode === 'drop') return void client.destroy();
    client.setNoDelay(true);
    const link: Link = { client, channels: [], isBroken: false };
    this.links.add(link);
    client.on('error', () => this.onSocketError(link));
    client.on('close', () => this.onSocketClose(link));
    // Nothing crosses a black hole, not even the connect: the upstream sees it only on heal.
    if (this.mode === 'blackhole') client.pause();
    else this.connectUpstream(link);
  }

  private connectUpstream(link: Link): void {
    if (link.client.destroyed) return void this.links.delete(link);
    const upstream = net.connect({ ...this.upstream, allowHalfOpen: true });
    upstream.setNoDelay(true);
    link.upstream = upstream;
    let isConnected = false;
    upstream.once('connect', () => (isConnected = true));
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (!isConnected && err.code === 'ECONNREFUSED') this.onUpstreamRefused(link);
      else this.onSocketError(link);
    });
    upstream.on('close', () => this.onSocketClose(link));
    link.channels = [
      new Channel(link.client, upstream, this.shaping('up'), this.maxQueuedBytes),
      new Channel(upstream, link.client, this.shaping('down'), this.maxQueuedBytes),
    ];
  }

  private shaping(direction: 'up' | 'down'): ChannelShaping {
    return {
      isHeld: () => this.mode === 'blackhole',
      latencyMs: () => this.delayMs,
      bucket: () => this.buckets?.[direction],
      delivered: (bytes) =>
        direction === 'up' ? (this.counters.bytesUp += bytes) : (this.counters.bytesDown += bytes),
    };
  }

  private onSocketError(link: Link): void {
    // A reset inside a black hole never reaches the other side; heal() delivers it.
    if (this.mode === 'blackhole') link.isBroken = true;
    else this.destroyLink(link);
  }

  private onSocketClose(link: Link): void {
    if (this.mode === 'blackhole') return;
    if (link.client.destroyed && (!link.upstream || link.upstream.destroyed))
      this.destroyLink(link);
  }

  // The upstream is down: a replica must see "Connection refused" (reference §4 F6), not a
  // connection that opens and then dies, so the proxy stops listening until it is back.
  private onUpstreamRefused(link: Link): void {
    this.counters.dropped++;
    link.client.resetAndDestroy();
    this.destroyLink(link);
    if (this.isUpstreamDown || this.isClosed) return;
    log.info({ proxy: this.name }, 'upstream refused; refusing too until it answers');
    this.isUpstreamDown = true;
    this.syncListenerInBackground();
    this.cancelPoll = whenAccepting(this.upstream, () => {
      this.isUpstreamDown = false;
      log.info({ proxy: this.name }, 'upstream answers again');
      this.syncListenerInBackground();
    });
  }

  private dropLink(link: Link): void {
    this.counters.dropped++;
    this.destroyLink(link);
  }

  private destroyLink(link: Link): void {
    for (const ch of link.channels) ch.stop();
    link.client.destroy();
    link.upstream?.destroy();
    this.links.delete(link);
  }

  /** Opens or closes the listening socket to match the state; calls run one after another. */
  private syncListener(): Promise<void> {
    const op = this.listenerOp.then(() => this.applyListener());
    this.listenerOp = op.catch(() => undefined);
    return op;
  }

  private syncListenerInBackground(): void {
    this.syncListener().catch((err: Error) =>
      log.error({ proxy: this.name, err: err.message }, 'fault proxy listener change failed'),
    );
  }

  private async applyListener(): Promise<void> {
    const shouldListen = !this.isClosed && this.mode !== 'drop' && !this.isUpstreamDown;
    if (!shouldListen) {
      // close() only stops accepting; open sockets are ours to end, and are not waited for.
      this.server?.close();
      this.server = undefined;
    } else if (!this.server) {
      this.server = await listenOn(this.host, this.port, (s) => this.onConnection(s));
    }
  }
}
