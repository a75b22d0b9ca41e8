// Watches the Sentinels of the sentinel:// seeds: polls what they know on its own timer (never
// the node poll loop's), hands the nodes they name to the monitor, keeps `sentinels`/`groups`
// for the topology, and turns their pub/sub events into deduplicated topology events.
import { EventEmitter } from 'node:events';
import type { SentinelGroup, TopologyEvent } from '../../lib/contracts';
import { SentinelEventDeduper, type SeenEvent } from '../../lib/sentinel/event-dedupe';
import { describeFailover, FailoverTracker } from '../../lib/sentinel/failover-tracker';
import { nodeIdOf } from '../../lib/sentinel/node-id';
import { buildSentinelModel, type SentinelModel, type SentinelObservation } from '../../lib/sentinel/sentinel-model';
import { parseSentinelMessage } from '../../lib/sentinel/sentinel-events';
import type { Config, NodeCredentials } from '../config';
import { logger } from '../logger';
import { SentinelLink } from './sentinel-link';
import type { SentinelSeed } from './sentinel-url';

const log = logger('sentinel');
/** Sentinels publish one event within about a second of each other: gather who saw it first. */
const GATHER_MS = 1000;
/** Failover phases land on the old master's timeline, not the replica's. */
const ABOUT_MASTER = /^\+(selected-slave|promoted-slave|failover-state-|slave-reconf)/;

/**
 * The Sentinels' user, password and TLS: the seed URL's, else `topology.sentinel*`. A
 * `sentinels://` seed only switches TLS on; it keeps the CA and server name of `sentinelTls`.
 */
export function sentinelCredentials(config: Config, seed: SentinelSeed): NodeCredentials {
  const { sentinelUsername, sentinelPassword, sentinelTls } = config.topology;
  const tls = seed.tls && (sentinelTls === undefined || sentinelTls === false) ? true : sentinelTls;
  return {
    ...(seed.username ?? sentinelUsername ? { username: seed.username ?? sentinelUsername } : {}),
    ...(seed.password ?? sentinelPassword ? { password: seed.password ?? sentinelPassword } : {}),
    ...(tls ? { tls } : {}),
  };
}

export interface SentinelDeps {
  canonical: (id: string) => string;
  /** Nodes Sentinel names: the monitor polls them. */
  addNodes: (ids: string[]) => void;
}

export interface SentinelServiceEvents {
  event: [TopologyEvent];
  model: [SentinelModel];
}

interface Watched {
  link: SentinelLink;
  host: string;
  port: number;
  source: 'seed' | 'discovered';
  names: string[] | null;
  credentials: NodeCredentials;
  last?: SentinelObservation;
}

export class SentinelService extends EventEmitter<SentinelServiceEvents> {
  private readonly watched = new Map<string, Watched>();
  private readonly dedupe = new SentinelEventDeduper();
  private readonly failovers = new FailoverTracker();
  private current: SentinelModel = { sentinels: [], groups: [] };
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private round: Promise<void> | null = null;
  private seq = 0;
  /** Announcements waiting for the other Sentinels' copies; cleared on stop. */
  private readonly gathering = new Set<NodeJS.Timeout>();

  constructor(
    private readonly config: Config,
    private readonly seeds: SentinelSeed[],
    private readonly deps: SentinelDeps,
  ) {
    super();
    for (const seed of seeds) {
      const credentials = sentinelCredentials(config, seed);
      for (const a of seed.addresses) this.watch(a.host, a.port, 'seed', seed.masterNames.length ? seed.masterNames : null, credentials);
    }
  }

  get isEnabled(): boolean {
    return this.seeds.length > 0;
  }

  model(): SentinelModel {
    return this.current;
  }

  /** The Sentinel group whose master (as Sentinel sees it) or listed replica is `nodeId`. */
  groupOf(nodeId: string): SentinelGroup | undefined {
    return this.current.groups.find((g) => g.masterId === nodeId || g.replicas?.some((r) => r.id === nodeId));
  }

  group(name: string): SentinelGroup | undefined {
    return this.current.groups.find((g) => g.name === name);
  }

  /** Runs a command on the first reachable Sentinel of a group (SENTINEL FAILOVER <name>). */
  async command(group: string, ...args: string[]): Promise<{ sentinelId: string; reply: unknown }> {
    const g = this.current.groups.find((x) => x.name === group);
    let lastError: unknown = new Error(`no reachable Sentinel watches ${group}`);
    for (const id of g?.reachableSentinelIds ?? []) {
      const w = this.watched.get(id);
      if (!w) continue;
      try {
        return { sentinelId: id, reply: await w.link.command(...args) };
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  }

  /** Runs a command on one watched Sentinel; rejects when it is unknown or does not answer. */
  commandOn(sentinelId: string, ...args: string[]): Promise<unknown> {
    const w = this.watched.get(sentinelId);
    if (!w) return Promise.reject(new Error(`${sentinelId} is not a Sentinel ReplicaOps watches`));
    return w.link.command(...args);
  }

  start(): void {
    if (this.running || !this.isEnabled) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.gathering) clearTimeout(t);
    this.gathering.clear();
    await this.round;
    for (const w of this.watched.values()) w.link.close();
  }

  /** Poll now (after a +switch-master), unless a round is running. */
  refreshSoon(): void {
    if (!this.running || this.round) return;
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  private watch(host: string, port: number, source: Watched['source'], names: string[] | null, credentials: Watched['credentials']): void {
    const id = this.deps.canonical(nodeIdOf(host, port));
    if (this.watched.has(id)) return;
    const { poll } = this.config;
    const link = new SentinelLink({
      host,
      port,
      credentials,
      connectTimeoutMs: poll.connectTimeoutMs,
      commandTimeoutMs: poll.commandTimeoutMs,
      maxBackoffMs: Math.max(1000, Math.min(5000, poll.intervalMs * 2)),
      log,
      onMessage: (channel, message) => this.onMessage(id, channel, message),
    });
    this.watched.set(id, { link, host, port, source, names, credentials });
    if (source === 'discovered') log.info({ sentinel: id }, 'sentinel discovered through another sentinel');
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.round = this.pollAll()
        .catch((err: unknown) => log.error({ err }, 'sentinel poll failed'))
        .finally(() => {
          this.round = null;
          if (this.running) this.schedule(Math.max(0, this.config.poll.intervalMs - (Date.now() - started)));
        });
    }, delayMs);
  }

  private async pollAll(): Promise<void> {
    const entries = [...this.watched.entries()];
    const results = await Promise.all(entries.map(async ([id, w]) => [id, w, await w.link.poll(w.names)] as const));
    for (const [id, w, r] of results) {
      const base = { id, host: w.host, port: w.port, source: w.source };
      if (!r.ok) {
        w.last = { ...base, reachable: false, error: r.error, masters: w.last?.masters ?? [], replicas: {}, peers: {}, ckquorum: {} };
        continue;
      }
      w.last = { ...base, reachable: true, tilt: r.tilt, masters: r.masters, replicas: r.replicas, peers: r.peers, ckquorum: r.ckquorum };
      // Sentinels find each other through the masters' hello channel: follow them too.
      for (const list of Object.values(r.peers)) for (const p of list) this.watch(p.host, p.port, 'discovered', w.names, w.credentials);
    }
    const observations = [...this.watched.values()].flatMap((w) => (w.last ? [w.last] : []));
    this.current = buildSentinelModel(observations, this.deps.canonical, this.failovers.all());
    const nodes = this.current.groups.flatMap((g) => [...(g.masterId ? [g.masterId] : []), ...(g.replicas ?? []).map((x) => x.id)]);
    if (nodes.length) this.deps.addNodes(nodes);
    this.emit('model', this.current);
  }

  private onMessage(sentinelId: string, channel: string, message: string): void {
    if (!this.running) return;
    const e = parseSentinelMessage(channel, message);
    if (!e) return;
    const { entry, isNew } = this.dedupe.see(e, sentinelId, Date.now());
    if (!isNew) return;
    const failover = this.failovers.apply(e, entry.firstAt);
    if (failover && e.masterName) {
      const g = this.current.groups.find((x) => x.name === e.masterName);
      if (g) g.failover = failover;
    }
    // Wait a moment so the entry names every Sentinel that published it, then announce it once.
    const timer = setTimeout(() => {
      this.gathering.delete(timer);
      if (this.running) this.announce(entry);
    }, GATHER_MS);
    timer.unref();
    this.gathering.add(timer);
    if (e.type === '+switch-master') this.refreshSoon();
  }

  private announce(entry: SeenEvent): void {
    const e = entry.event;
    const subject = ABOUT_MASTER.test(e.type) || e.type === '+switch-master' ? (e.masterId ?? e.instanceId) : (e.instanceId ?? e.masterId);
    const failover = e.masterName ? this.failovers.current(e.masterName) : undefined;
    const ends = e.type === '+switch-master' || e.type === '+failover-end' || e.type.startsWith('-failover-abort-') || e.type === '+failover-end-for-timeout';
    const summary = ends && failover && e.masterName ? describeFailover(e.masterName, failover).en : e.text;
    const event: TopologyEvent = {
      id: `sen-${entry.firstAt}-${++this.seq}`,
      at: entry.firstAt,
      kind: 'sentinel',
      nodeId: this.deps.canonical(subject ?? entry.seenBy[0] ?? 'unknown:0'),
      from: e.type,
      to: summary,
      // The live list: a Sentinel that publishes after the announcement still joins the entry
      // kept for /api/topology/events (the leader's own +switch-master often comes last).
      sentinel: { type: e.type, ...(e.masterName ? { masterName: e.masterName } : {}), seenBy: entry.seenBy, text: e.text },
    };
    this.emit('event', event);
  }
}
