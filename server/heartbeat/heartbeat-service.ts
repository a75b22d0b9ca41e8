// Real replication delay in milliseconds (opt-in: it writes). Measured as the canary does: every
// `intervalMs` the dashboard writes a fresh value into one key on every master (with a TTL, so
// the key goes away when the dashboard does), then reads every replica of that master's tree
// until the value appears — all replicas at once, each re-asking right away for the first
// milliseconds and a little less eagerly after — for at most `windowMs`. delay = seen − written,
// both on the dashboard's one monotonic clock, so no skew. A replica that does not show the value
// within the window has delay "> windowMs" (overWindow), not a number that grows with time.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { HeartbeatSample, Topology } from '../../lib/contracts';
import { ConnectionSet, type CredentialSource } from '../consistency/connections';
import { logger } from '../logger';

const log = logger('heartbeat');

export interface HeartbeatSettings {
  key: string;
  intervalMs: number;
  ttlSeconds: number;
  /** The monitor's poll interval (kept for the composition root; reads follow each write). */
  readIntervalMs: number;
  commandTimeoutMs: number;
}

export interface HeartbeatEvents {
  samples: [HeartbeatSample[]];
}

/** Re-ask at once for this many attempts, then wait 1 ms, 2 ms … up to MAX_PAUSE_MS between reads. */
const EAGER_ATTEMPTS = 20;
const MAX_PAUSE_MS = 5;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Each replica under the master at the top of its chain. */
export function replicasByMaster(topology: Topology): Map<string, string[]> {
  const upstreamOf = new Map(topology.links.map((l) => [l.replica, l.upstream]));
  const out = new Map<string, string[]>();
  for (const l of topology.links) {
    let top = l.upstream;
    const seen = new Set([l.replica]);
    while (upstreamOf.has(top) && !seen.has(top)) {
      seen.add(top);
      top = upstreamOf.get(top) as string;
    }
    out.set(top, [...(out.get(top) ?? []), l.replica]);
  }
  return out;
}

export class HeartbeatService extends EventEmitter<HeartbeatEvents> {
  private readonly conns: ConnectionSet;
  private latest: HeartbeatSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private cycle: Promise<void> | null = null;
  private readonly failingWrites = new Set<string>();
  private readonly timeoutMs: number;
  /** How long each heartbeat is looked for on the replicas. */
  readonly windowMs: number;
  private seq = 0;

  constructor(
    private readonly topology: { snapshot(): { topology: Topology } },
    credentials: CredentialSource,
    private readonly settings: HeartbeatSettings,
  ) {
    super();
    // Short timeouts: a read that waits past the window is worth nothing.
    this.windowMs = Math.max(50, Math.min(1000, settings.intervalMs));
    this.timeoutMs = Math.max(50, Math.min(settings.commandTimeoutMs, this.windowMs));
    this.conns = new ConnectionSet(credentials, { commandTimeoutMs: this.timeoutMs, name: 'replicaops-heartbeat', reconnect: true });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
    log.info({ key: this.settings.key, intervalMs: this.settings.intervalMs, windowMs: this.windowMs }, 'heartbeat writer started');
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.cycle;
    this.conns.closeAll();
  }

  /** Latest delay of every replica (also for the monitor's charts and diagnosis). */
  samples(): HeartbeatSample[] {
    return this.latest.map((s) => ({ ...s }));
  }

  /** Self-rescheduling: a slow cycle delays the next one, never overlaps it. */
  private schedule(inMs: number): void {
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.cycle = this.beatAll()
        .catch((err: unknown) => log.error({ err }, 'heartbeat cycle failed'))
        .finally(() => {
          this.cycle = null;
          if (this.running) this.schedule(Math.max(0, this.settings.intervalMs - (Date.now() - started)));
        });
    }, inMs);
  }

  private async beatAll(): Promise<void> {
    const { topology } = this.topology.snapshot();
    const reachable = new Set(topology.nodes.filter((n) => n.reachable).map((n) => n.id));
    const groups = [...replicasByMaster(topology)].filter(([master]) => reachable.has(master));
    this.conns.prune(new Set(groups.flatMap(([m, rs]) => [m, ...rs])));
    const samples = (await Promise.all(groups.map(([master, replicas]) => this.beat(master, replicas)))).flat();
    this.latest = samples;
    this.emit('samples', samples);
  }

  /** One heartbeat: write on the master, then watch every replica of its tree for it. */
  private async beat(master: string, replicas: string[]): Promise<HeartbeatSample[]> {
    const { key, ttlSeconds } = this.settings;
    // Unique per write, and still the wall-clock ms a human can read in the key.
    const value = `${Date.now()}.${(++this.seq).toString(36)}`;
    let written: number;
    try {
      const conn = await this.conns.ready(master, this.timeoutMs);
      written = performance.now();
      await conn.set(key, value, 'PX', ttlSeconds * 1000);
      if (this.failingWrites.delete(master)) log.info({ node: master }, 'heartbeat writes work again');
    } catch (err) {
      // Say it once per outage: min-replicas-to-write, OOM or ACL can refuse the write.
      if (!this.failingWrites.has(master)) log.warn({ node: master, err: err instanceof Error ? err.message : String(err) }, 'heartbeat write failed');
      this.failingWrites.add(master);
      // No heartbeat this round: no delay to report, and none invented.
      return replicas.map((nodeId) => ({ nodeId, t: Date.now(), delayMs: null, answered: false, windowMs: this.windowMs }));
    }
    return Promise.all(replicas.map((id) => this.watch(id, value, written)));
  }

  private async watch(nodeId: string, value: string, written: number): Promise<HeartbeatSample> {
    const deadline = written + this.windowMs;
    let answered = false;
    try {
      const conn = await this.conns.ready(nodeId, Math.max(1, deadline - performance.now()));
      for (let attempt = 0; performance.now() < deadline; attempt++) {
        const got = await conn.get(this.settings.key);
        const seen = performance.now();
        answered = true;
        if (got === value) {
          return { nodeId, t: Date.now(), delayMs: Math.round((seen - written) * 10) / 10, answered, windowMs: this.windowMs };
        }
        if (attempt >= EAGER_ATTEMPTS) await sleep(Math.min(MAX_PAUSE_MS, attempt - EAGER_ATTEMPTS + 1));
      }
    } catch {
      // Not answering is itself the signal: the value never shows.
    }
    return { nodeId, t: Date.now(), delayMs: null, answered, overWindow: true, windowMs: this.windowMs };
  }
}
