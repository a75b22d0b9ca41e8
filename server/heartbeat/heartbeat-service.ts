// Real replication delay in milliseconds (opt-in: it writes). The dashboard writes its own
// clock into one key on every master each `intervalMs` (with a TTL, so the key goes away when
// the dashboard does); each read cycle GETs that key on every replica: delay = now − value seen.
// One clock, so no skew. A replica that stops answering keeps its last value, so its delay
// keeps growing as a lower bound — exactly what a paused replica looks like.
import { EventEmitter } from 'node:events';
import type { HeartbeatSample, Topology } from '../../lib/contracts';
import { ConnectionSet, type CredentialSource } from '../consistency/connections';
import { logger } from '../logger';
import { errorText } from '../error-text';

const log = logger('heartbeat');

export interface HeartbeatSettings {
  key: string;
  intervalMs: number;
  ttlSeconds: number;
  /** How often replicas are read; the monitor's poll interval. */
  readIntervalMs: number;
  commandTimeoutMs: number;
}

export interface HeartbeatEvents {
  samples: [HeartbeatSample[]];
}

export class HeartbeatService extends EventEmitter<HeartbeatEvents> {
  private readonly conns: ConnectionSet;
  /** Newest heartbeat value (ms since epoch) each replica has shown. */
  private readonly lastValue = new Map<string, number>();
  private latest: HeartbeatSample[] = [];
  private timers: { write?: NodeJS.Timeout; read?: NodeJS.Timeout } = {};
  private running = false;
  private failingWrites = new Set<string>();
  private loops: Promise<void>[] = [];
  private readonly timeoutMs: number;

  constructor(
    private readonly topology: { snapshot(): { topology: Topology } },
    credentials: CredentialSource,
    private readonly settings: HeartbeatSettings,
  ) {
    super();
    // Short timeouts: a read that waits past the next cycle is worth nothing.
    this.timeoutMs = Math.max(50, Math.min(settings.commandTimeoutMs, settings.readIntervalMs, settings.intervalMs));
    this.conns = new ConnectionSet(credentials, { commandTimeoutMs: this.timeoutMs, name: 'replicaops-heartbeat' });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop('write', this.settings.intervalMs, () => this.writeAll());
    this.loop('read', this.settings.readIntervalMs, () => this.readAll());
    log.info({ key: this.settings.key, intervalMs: this.settings.intervalMs }, 'heartbeat writer started');
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timers.write);
    clearTimeout(this.timers.read);
    await Promise.all(this.loops);
    this.conns.closeAll();
  }

  /** Latest delay of every replica (also for the monitor's charts and diagnosis). */
  samples(): HeartbeatSample[] {
    return this.latest.map((s) => ({ ...s }));
  }

  /** Self-rescheduling: a slow cycle delays the next one, never overlaps it. */
  private loop(name: 'write' | 'read', everyMs: number, fn: () => Promise<void>): void {
    const tick = () => {
      const started = Date.now();
      const p = fn()
        .catch((err: unknown) => log.error({ err }, `heartbeat ${name} cycle failed`))
        .finally(() => {
          this.loops = this.loops.filter((x) => x !== p);
          if (this.running) this.timers[name] = setTimeout(tick, Math.max(0, everyMs - (Date.now() - started)));
        });
      this.loops.push(p);
    };
    this.timers[name] = setTimeout(tick, 0);
  }

  private nodes(): { masters: string[]; replicas: string[] } {
    const { topology } = this.topology.snapshot();
    const replicas = topology.links.map((l) => l.replica);
    const masters = topology.nodes.filter((n) => n.role === 'master' && n.reachable).map((n) => n.id);
    this.conns.prune(new Set([...masters, ...replicas]));
    for (const id of this.lastValue.keys()) if (!replicas.includes(id)) this.lastValue.delete(id);
    return { masters, replicas };
  }

  private async writeAll(): Promise<void> {
    const { key, ttlSeconds } = this.settings;
    await Promise.all(
      this.nodes().masters.map(async (id) => {
        try {
          await (await this.conns.ready(id, this.timeoutMs)).set(key, String(Date.now()), 'PX', ttlSeconds * 1000);
          if (this.failingWrites.delete(id)) log.info({ node: id }, 'heartbeat writes work again');
        } catch (err) {
          // Say it once per outage: min-replicas-to-write, OOM or ACL can refuse the write.
          if (!this.failingWrites.has(id)) log.warn({ node: id, err: errorText(err) }, 'heartbeat write failed');
          this.failingWrites.add(id);
        }
      }),
    );
  }

  private async readAll(): Promise<void> {
    const { replicas } = this.nodes();
    const samples = await Promise.all(
      replicas.map(async (id): Promise<HeartbeatSample> => {
        let answered = false;
        try {
          const v = Number(await (await this.conns.ready(id, this.timeoutMs)).get(this.settings.key));
          answered = true;
          if (Number.isFinite(v) && v > (this.lastValue.get(id) ?? 0)) this.lastValue.set(id, v);
        } catch {
          // Not answering is itself the signal: the delay below keeps growing.
        }
        const seen = this.lastValue.get(id);
        const t = Date.now();
        return { nodeId: id, t, delayMs: seen === undefined ? null : Math.max(0, t - seen), answered };
      }),
    );
    this.latest = samples;
    this.emit('samples', samples);
  }
}
