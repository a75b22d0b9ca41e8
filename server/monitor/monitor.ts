// The poll loop: every interval, one INFO round trip per node, discovery of the whole tree from
// whatever answers, then derived topology, history and events. It knows nothing of sockets or
// HTTP: it emits typed events and answers queries.
import { EventEmitter } from 'node:events';
import type {
  HistoryMetric,
  HistoryPoint,
  NodeDetail,
  NodeSample,
  Topology,
  TopologyDelta,
  TopologyEvent,
  TopologySnapshot,
} from '../../lib/contracts';
import { deriveTopology, type NodeObservation } from '../../lib/topology/derive-topology';
import { diffTopology } from '../../lib/topology/diff-topology';
import type { NodeView } from '../../lib/diagnosis/diagnosis-input';
import type { ClusterInfoReading } from '../../lib/cluster/cluster-parse';
import type { Config } from '../config';
import { logger } from '../logger';
import type { PollResult } from '../redis/node-client';
import { HistoryStore } from './history';
import type { MonitorPool } from './monitor-pool';
import type { NodeRecord } from './node-record';
import { NodeRegistry } from './node-registry';
import { FULL_PLAN, phaseOf, pollPlan, type PollPlan } from './poll-tiers';
import type { NodeMemoryStore } from '../store/node-memory-store';

const log = logger('monitor');
const MAX_WAVES = 8;
const MAX_EVENTS = 1000;
/** Lets the other connections of a dying process close too, so one early cycle sees them all. */
const EARLY_POLL_DELAY_MS = 50;

export interface CycleReport {
  topology: Topology;
  delta: TopologyDelta;
  events: TopologyEvent[];
  samples: NodeSample[];
  durationMs: number;
}

/** Another way to know nodes (e.g. Redis Cluster membership) and what it adds to the topology. */
export interface DiscoverySource {
  nodeIds(): string[];
  decorate(topology: Topology): Topology;
}

export interface MonitorEvents {
  cycle: [CycleReport];
  'topology-event': [TopologyEvent];
}

export class Monitor extends EventEmitter<MonitorEvents> {
  private readonly registry: NodeRegistry;
  private readonly history: HistoryStore;
  private readonly events: TopologyEvent[] = [];
  private topology: Topology | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private cyclePromise: Promise<void> | null = null;
  /** A connection dropped during a cycle: run the next one right after it. */
  private rerunSoon = false;
  private eventSeq = 0;
  private rememberedSignature = '';
  private rememberedAt = 0;
  private readonly sources: DiscoverySource[] = [];
  /** Parts of the topology other services own (Sentinels and their groups). */
  private extras: () => Pick<Topology, 'sentinels' | 'groups'> = () => ({});
  cycles = 0;

  constructor(
    private readonly config: Config,
    private readonly pool: MonitorPool,
    private readonly memory?: NodeMemoryStore,
  ) {
    super();
    this.history = new HistoryStore(Math.ceil(config.history.retentionMs / config.poll.intervalMs) + 1);
    this.registry = new NodeRegistry((id) => {
      this.pool.release(id);
      this.history.drop(id);
    });
    const now = Date.now();
    for (const seed of pool.seeds) this.registry.ensure(seed.id, now, { isSeed: true });
    // Nodes seen before a restart come back as unreachable until they answer (or age out).
    for (const n of memory?.load() ?? []) {
      const rec = this.registry.ensure(n.id, n.firstSeenAt);
      if (rec.isSeed) continue;
      Object.assign(rec, { role: n.role, upstream: n.upstream, lastKnownAt: n.lastKnownAt, firstSeenAt: n.firstSeenAt, discoveredOnly: false });
    }
    pool.onNodeLost = (id) => this.pollSoon(id);
  }

  /**
   * A connection closed: poll now instead of at the next tick, so a crash reaches the UI in
   * milliseconds. Still never overlapping: a cycle in flight is followed at once by another.
   */
  private pollSoon(id: string): void {
    if (!this.running) return;
    log.debug({ node: id }, 'connection lost; polling early');
    if (this.cyclePromise) {
      this.rerunSoon = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(EARLY_POLL_DELAY_MS);
  }

  get intervalMs(): number {
    return this.config.poll.intervalMs;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.cyclePromise;
  }

  /** Self-rescheduling: the next cycle starts only after this one ends, so polls never overlap. */
  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.cyclePromise = this.runCycle()
        .catch((err: unknown) => log.error({ err }, 'poll cycle failed'))
        .finally(() => {
          this.cyclePromise = null;
          if (!this.running) return;
          const elapsed = Date.now() - started;
          const early = this.rerunSoon;
          this.rerunSoon = false;
          this.schedule(early ? EARLY_POLL_DELAY_MS : Math.max(0, this.intervalMs - elapsed));
        });
    }, delayMs);
  }

  canonical = (id: string): string => this.registry.canonical(id);

  /**
   * Known other addresses of nodes, `{ alias: canonicalId }`: a sandbox's fault proxies, which
   * replicas name as their master, are the upstream itself for the tree.
   */
  addAliases(aliases: Record<string, string>): void {
    for (const [from, to] of Object.entries(aliases)) this.registry.alias(from, to);
  }

  addDiscovery(source: DiscoverySource): void {
    this.sources.push(source);
  }

  /** Lets another service add its part of `/api/topology` (read once per cycle, synchronously). */
  useTopologyExtras(fn: () => Pick<Topology, 'sentinels' | 'groups'>): void {
    this.extras = fn;
  }

  /** Nodes named by something other than the tree (Sentinel): polled from the next cycle on. */
  addNodes(ids: string[]): void {
    const now = Date.now();
    for (const raw of ids) {
      const id = this.canonical(raw);
      const known = this.records.get(id);
      if (known) known.lastKnownAt = now;
      else this.registry.ensure(id, now);
    }
  }

  /** A topology event from another source (a Sentinel's): kept, logged and announced. */
  recordEvent(e: TopologyEvent): void {
    this.events.push(e);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    log.info({ kind: e.kind, node: e.nodeId, from: e.from, to: e.to }, 'topology event');
    this.emit('topology-event', e);
  }

  private get records(): Map<string, NodeRecord> {
    return this.registry.records;
  }

  /** Poll in waves: seeds and known nodes first, then every address they name, until no new one. */
  private async runCycle(): Promise<void> {
    const started = Date.now();
    // A healthy node answers INFO in milliseconds; one silent for half an interval is not answering.
    const deadline = Math.max(100, Math.min(this.config.poll.commandTimeoutMs, this.intervalMs * 0.5));
    const polled = new Set<string>();
    const referenced = new Set<string>();
    const rereads = new Set<string>();
    for (const s of this.sources) for (const id of s.nodeIds()) this.registry.ensure(this.canonical(id), started).lastKnownAt = started;
    let wave = [...this.records.keys()];
    for (let w = 0; w < MAX_WAVES && wave.length; w++) {
      const next = new Set<string>();
      // Each reply is parsed as it arrives: 1,000 INFO parses spread over the replies' I/O
      // callbacks instead of blocking the event loop in one piece after the last reply.
      await this.pollWave(wave, deadline, started, (id, result) => {
        polled.add(id);
        // Removed (by the operator, or merged as an alias) while its poll was out: it stays gone.
        const rec = this.records.get(id);
        if (!rec) return;
        if (!result.ok) {
          rec.reachable = false;
          rec.error = result.error;
          // Whatever it was doing before, read all of it once it answers again.
          rec.refreshAll = true;
          return;
        }
        // A new process of the node (restarted between two polls): its slow sections are read
        // in the same cycle, one more round trip for this node only, rather than judged absent.
        if (this.registry.applyInfo(rec, result.info, result.at, result.latencyMs, rereads.has(id)) && !rereads.has(id)) {
          rereads.add(id);
          next.add(id);
        }
        if (result.config || result.configError) {
          rec.config = result.config ?? rec.config;
          rec.configError = result.configError;
          rec.configAt = result.at;
        }
        // A refused CLUSTER INFO keeps the last reading, with its own (older) read time.
        if (result.clusterInfo || rec.info?.sections.cluster?.cluster_enabled !== '1') {
          rec.clusterInfo = result.clusterInfo;
          rec.clusterInfoAt = result.clusterInfo ? result.at : undefined;
        }
        for (const ref of this.registry.neighbours(rec)) {
          referenced.add(ref);
          const known = this.records.get(this.canonical(ref));
          if (known) known.lastKnownAt = started;
          if (!polled.has(this.canonical(ref)) && !known) next.add(ref);
        }
      });
      // Neighbours named for the first time are polled in the same cycle (so gaps compare).
      for (const id of next) this.registry.ensure(id, started);
      wave = [...next];
    }
    this.registry.dedupeByRunId(referenced);
    this.registry.attachReportedReplicas(started);
    this.registry.forget(started, this.config.discovery.forgetAfterMs);
    this.remember();
    await this.publish(started);
  }

  /**
   * One poll per node, all at once; each result handed to `onResult` as it arrives. One node's
   * failure is that node's state, never the wave's.
   */
  private async pollWave(
    wave: string[],
    deadline: number,
    started: number,
    onResult: (id: string, result: PollResult) => void,
  ): Promise<void> {
    await Promise.all(
      wave.map(async (id) => {
        let result: PollResult;
        try {
          // Inside the try: a synchronous throw (a bad id) becomes that node's failure too.
          result = await this.pool.get(id).poll(deadline, this.planFor(id, started));
        } catch (err) {
          log.warn({ node: id, err }, 'poll rejected; the node counts as unreachable this cycle');
          const message = err instanceof Error ? err.message : String(err);
          result = { ok: false, at: Date.now(), error: { code: 'unknown', message } };
        }
        onResult(id, result);
      }),
    );
  }

  /** This node's poll: fast sections always, slow tiers when due (server/monitor/poll-tiers.ts). */
  private planFor(id: string, now: number): PollPlan {
    const r = this.records.get(id);
    if (!r) return { ...FULL_PLAN, withConfig: true };
    const syncing = r.info?.replication.master_sync_in_progress === true || r.info?.sections.persistence?.loading === '1';
    const { poll } = this.config;
    return pollPlan({ sectionAt: r.sectionAt, configAt: r.configAt, refreshAll: r.refreshAll, syncing }, now, poll, phaseOf(id));
  }

  /** Persist the set of known nodes when it changed (ids, parents, roles). */
  private remember(): void {
    if (!this.memory) return;
    const nodes = [...this.records.values()]
      .filter((r) => r.role !== 'unknown')
      .map((r) => ({ id: r.id, upstream: r.upstream, role: r.role, firstSeenAt: r.firstSeenAt, lastKnownAt: r.lastKnownAt }));
    const signature = JSON.stringify(nodes.map((n) => [n.id, n.upstream, n.role]));
    // lastKnownAt is refreshed on disk once a minute; the shape on every change.
    if (signature === this.rememberedSignature && Date.now() - this.rememberedAt < 60_000) return;
    this.rememberedSignature = signature;
    this.rememberedAt = Date.now();
    try {
      this.memory.save(nodes);
    } catch (err) {
      log.error({ err }, 'could not save the node memory');
    }
  }

  private observations(): NodeObservation[] {
    return [...this.records.values()].map((r) => ({
      id: r.id,
      host: r.host,
      port: r.port,
      reachable: r.reachable,
      error: r.error,
      info: r.info,
      metrics: r.reachable ? r.metrics : undefined,
      lastSeenAt: r.lastSeenAt,
      upstream: r.upstream,
      role: r.role,
      discoveredOnly: r.discoveredOnly,
      sampledAt: r.reachable ? r.infoAt : undefined,
    }));
  }

  private publish(started: number): Promise<void> {
    const derived = deriveTopology(this.observations(), this.canonical, this.config.thresholds, started);
    const topology = { ...this.sources.reduce((t, s) => s.decorate(t), derived), ...this.extras() };
    const { delta, events } = diffTopology(this.topology, topology, () => `ev-${started}-${++this.eventSeq}`);
    this.topology = topology;
    this.cycles++;
    const samples = this.recordHistory(topology, started);
    for (const e of events) {
      this.events.push(e);
      log.info({ kind: e.kind, node: e.nodeId, from: e.from, to: e.to }, 'topology event');
    }
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    const report: CycleReport = { topology, delta, events, samples, durationMs: Date.now() - started };
    return this.dispatch(report);
  }

  /**
   * Each 'cycle' listener (diagnosis, history, the socket feed…) in its own turn of the event
   * loop: at 1,000 nodes one cycle's work is several short tasks instead of one long one that
   * holds back every socket and timer. The cycle ends (and the next is timed) after the last.
   */
  private async dispatch(report: CycleReport): Promise<void> {
    for (const listener of this.listeners('cycle')) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        listener(report);
      } catch (err) {
        log.error({ err }, 'a cycle listener failed; the others still run');
      }
    }
    for (const e of report.events) this.emit('topology-event', e);
  }

  private recordHistory(topology: Topology, t: number): NodeSample[] {
    const linkOf = new Map(topology.links.map((l) => [l.replica, l]));
    const samples: NodeSample[] = [];
    for (const r of this.records.values()) {
      const m = r.reachable ? r.metrics : undefined;
      const link = linkOf.get(r.id);
      const values: NodeSample['values'] = {
        opsPerSec: m?.opsPerSec ?? null,
        memoryPct: m?.memoryPct ?? null,
        usedMemoryBytes: m?.usedMemoryBytes ?? null,
        rssBytes: m?.rssBytes ?? null,
        replInputKbps: m?.replInputKbps ?? null,
        replOutputKbps: m?.replOutputKbps ?? null,
        keys: m?.keys ?? null,
        syncFullDelta: m?.syncFullDelta ?? null,
        syncPartialOkDelta: m?.syncPartialOkDelta ?? null,
        syncPartialErrDelta: m?.syncPartialErrDelta ?? null,
        replOffsetRate: m?.replOffsetRate ?? null,
        cpuPct: m?.cpuPct ?? null,
      };
      if (link) {
        values.offsetGapBytes = link.offsetGapBytes;
        values.lagSeconds = link.lagSeconds;
      }
      this.history.record(r.id, t, values);
      samples.push({ nodeId: r.id, t, values });
    }
    return samples;
  }

  snapshot(): TopologySnapshot {
    return {
      topology: this.topology ?? { generatedAt: Date.now(), nodes: [], links: [] },
      events: this.events.slice(-200),
      pollIntervalMs: this.intervalMs,
    };
  }

  /** What the diagnosis rules read: each node's latest INFO, the one before, metrics, config. */
  nodeViews(): NodeView[] {
    return [...this.records.values()].map((r) => ({
      id: r.id,
      reachable: r.reachable,
      error: r.error,
      role: r.role,
      upstream: r.upstream,
      info: r.info,
      prevInfo: r.prevInfo,
      metrics: r.reachable ? r.metrics : undefined,
      config: r.config,
      sectionAt: r.sectionAt,
    }));
  }

  /** The latest per-poll CLUSTER INFO of each reachable cluster node, with its read time. */
  clusterInfoReadings(): Array<{ id: string; info: ClusterInfoReading; at: number }> {
    return [...this.records.values()].flatMap((r) => (r.reachable && r.clusterInfo && r.clusterInfoAt ? [{ id: r.id, info: r.clusterInfo, at: r.clusterInfoAt }] : []));
  }

  /** Topology events at or after `sinceMs`, oldest first. */
  eventsSince(sinceMs: number): TopologyEvent[] {
    return this.events.filter((e) => e.at >= sinceMs);
  }

  recentEvents(limit = 200): TopologyEvent[] {
    return this.events.slice(-limit);
  }

  nodeDetail(rawId: string): NodeDetail | null {
    const id = this.canonical(rawId);
    const r = this.records.get(id);
    const node = this.topology?.nodes.find((n) => n.id === id);
    if (!r || !node) return null;
    const links = this.topology?.links ?? [];
    return {
      node,
      link: links.find((l) => l.replica === id) ?? null,
      downstream: links.filter((l) => l.upstream === id),
      sampledAt: r.infoAt ?? null,
      // Not answering now: what follows is from sampledAt, the last good poll.
      ...(r.reachable ? {} : { stale: true }),
      info: r.info?.sections ?? {},
      sectionsReadAt: { ...r.sectionAt },
      metrics: r.metrics ?? null,
      config: r.config ?? null,
      ...(r.configAt ? { configAt: r.configAt } : {}),
      ...(r.configError ? { configError: r.configError } : {}),
    };
  }

  historyOf(rawId: string, metric: HistoryMetric, sinceMs: number): HistoryPoint[] | null {
    return this.history.query(this.canonical(rawId), metric, sinceMs);
  }

  /** Operator removal of a node that is gone for good. A node that still answers comes back. */
  removeNode(rawId: string): 'removed' | 'not_found' | 'reachable' {
    const id = this.canonical(rawId);
    const r = this.records.get(id);
    if (!r) return 'not_found';
    if (r.reachable) return 'reachable';
    this.registry.drop(id, 'removed by operator');
    return 'removed';
  }
}
