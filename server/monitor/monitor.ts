// The poll cycle: every interval, one INFO round trip per node, discovery of the whole tree from
// whatever answers, then derived topology, history and events. It knows nothing of sockets or
// HTTP: it emits typed events; the queries it answers are its read side (monitor-view.ts).
import { EventEmitter } from 'node:events';
import type {
  HistoryMetric,
  HistoryPoint,
  NodeDetail,
  Topology,
  TopologyDelta,
  TopologyEvent,
  TopologySnapshot,
} from '../../lib/contracts';
import { deriveTopology } from '../../lib/topology/derive-topology';
import { diffTopology } from '../../lib/topology/diff-topology';
import type { NodeView } from '../../lib/diagnosis/diagnosis-input';
import type { ClusterInfoReading } from '../../lib/cluster/cluster-parse';
import type { HistoryQueryOptions } from '../../lib/history/history-query';
import type { Config } from '../config';
import { logger } from '../logger';
import type { MonitorPool } from './monitor-pool';
import type { CycleReport, CycleStep, DiscoverySource, MonitorEvents } from './monitor-events';
import { MonitorView } from './monitor-view';
import type { NodeRecord } from './node-record';
import { NodeRegistry } from './node-registry';
import { FastLane } from './fast-lane';
import { yieldToLoop } from './slices';
import { FAST_SECTIONS, type PollPlan } from './poll-tiers';
import { planFor, pollOne, pollWave } from './node-polls';
import type { NodeMemoryStore } from '../store/node-memory-store';
import { NodeMemoryWriter } from './node-memory-writer';

const log = logger('monitor');
const MAX_WAVES = 8;
/** Lets the other connections of a dying process close too, so one early cycle sees them all. */
const EARLY_POLL_DELAY_MS = 50;
/** A lost node's re-poll: is it there at all? (Its answer is left to the full cycle.) */
const LOST_PLAN: PollPlan = { sections: [...FAST_SECTIONS], withConfig: false };

export type { CycleReport, CycleStep, DiscoverySource, MonitorEvents } from './monitor-events';

export class Monitor extends EventEmitter<MonitorEvents> {
  private readonly registry: NodeRegistry;
  /** The read side: topology, events and history rings as the last cycle left them. */
  private readonly view: MonitorView;
  /** Lost connections: their nodes re-polled alone, shown unreachable outside the cycle. */
  private readonly lane: FastLane;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private cyclePromise: Promise<void> | null = null;
  /** A connection dropped during a cycle: run the next one right after it. */
  private rerunSoon = false;
  private eventSeq = 0;
  /** Announced by the fast lane since the last cycle report; that report carries them too. */
  private laneEvents: TopologyEvent[] = [];
  private readonly memoryWriter: NodeMemoryWriter | null;
  private readonly sources: DiscoverySource[] = [];
  private readonly steps: CycleStep[] = [];
  /** Parts of the topology other services own (Sentinels and their groups). */
  private extras: () => Pick<Topology, 'sentinels' | 'groups'> = () => ({});
  cycles = 0;

  constructor(
    private readonly config: Config,
    private readonly pool: MonitorPool,
    private readonly memory?: NodeMemoryStore,
  ) {
    super();
    this.memoryWriter = memory ? new NodeMemoryWriter(memory) : null;
    this.registry = new NodeRegistry((id) => {
      this.pool.release(id);
      this.view.history.drop(id);
    });
    const historyLength = Math.ceil(config.history.retentionMs / config.poll.intervalMs) + 1;
    this.view = new MonitorView(this.registry.records, this.registry.canonical, config.poll.intervalMs, historyLength);
    const now = Date.now();
    for (const seed of pool.seeds) this.registry.ensure(seed.id, now, { isSeed: true });
    // Nodes seen before a restart come back as unreachable until they answer (or age out).
    for (const n of memory?.load() ?? []) {
      const rec = this.registry.ensure(n.id, n.firstSeenAt);
      if (rec.isSeed) continue;
      Object.assign(rec, { role: n.role, upstream: n.upstream, lastKnownAt: n.lastKnownAt, firstSeenAt: n.firstSeenAt, discoveredOnly: false });
    }
    this.lane = new FastLane(
      {
        registry: this.registry,
        isRunning: () => this.running,
        poll: (id) => pollOne(pool, id, this.deadline(), LOST_PLAN),
        derive: (observations, now) => this.decorate(deriveTopology(observations, this.canonical, this.config.thresholds, now)),
        current: () => this.view.topology,
        announce: (topology, delta, events) => {
          this.announce(topology, delta, events);
          this.laneEvents.push(...events);
          for (const e of events) this.emit('topology-event', e);
        },
        nextEventId: (at) => `ev-${at}-${++this.eventSeq}`,
      },
      EARLY_POLL_DELAY_MS,
    );
    pool.onNodeLost = (id) => this.pollSoon(id);
  }

  /**
   * A connection closed: the node is re-polled on its own (the fast lane) and shown unreachable
   * at once if it does not answer; the full cycle, which diagnosis needs, also runs early: 50 ms
   * later, or right after the one in flight (cycles never overlap).
   */
  private pollSoon(id: string): void {
    if (!this.running) return;
    log.debug({ node: id }, 'connection lost; polling early');
    this.lane.nodeLost(this.canonical(id));
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
    await Promise.all([this.cyclePromise, this.lane.stop()]);
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

  /**
   * Work that belongs to the cycle and runs in several event-loop tasks (diagnosis): awaited in
   * order before the 'cycle' listeners, so the next cycle never starts while it runs. Returns
   * the way to remove it.
   */
  addCycleStep(step: CycleStep): () => void {
    this.steps.push(step);
    return () => {
      const i = this.steps.indexOf(step);
      if (i >= 0) this.steps.splice(i, 1);
    };
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
    this.view.pushEvents([e]);
    log.info({ kind: e.kind, node: e.nodeId, from: e.from, to: e.to }, 'topology event');
    this.emit('topology-event', e);
  }

  private get records(): Map<string, NodeRecord> {
    return this.registry.records;
  }

  /** A healthy node answers INFO in milliseconds; one silent for half an interval is not answering. */
  private deadline(): number {
    return Math.max(100, Math.min(this.config.poll.commandTimeoutMs, this.intervalMs * 0.5));
  }

  /** Poll in waves: seeds and known nodes first, then every address they name, until no new one. */

  private async runCycle(): Promise<void> {
    const started = Date.now();
    const deadline = this.deadline();
    const polled = new Set<string>();
    const referenced = new Set<string>();
    const rereads = new Set<string>();
    for (const s of this.sources) for (const id of s.nodeIds()) this.registry.ensure(this.canonical(id), started).lastKnownAt = started;
    let wave = [...this.records.keys()];
    for (let w = 0; w < MAX_WAVES && wave.length; w++) {
      const next = new Set<string>();
      // Each reply is parsed as it arrives: 1,000 INFO parses spread over the replies' I/O
      // callbacks instead of blocking the event loop in one piece after the last reply.
      const poll = (id: string) => pollOne(this.pool, id, deadline, planFor(this.records.get(id), started, this.config.poll));
      await pollWave(poll, wave, (id, result) => {
        polled.add(id);
        for (const ref of this.registry.applyResult(id, result, { started, rereads, referenced, polled })) next.add(ref);
      });
      // Neighbours named for the first time are polled in the same cycle (so gaps compare).
      for (const id of next) this.registry.ensure(id, started);
      wave = [...next];
    }
    this.registry.dedupeByRunId(referenced);
    this.registry.attachReportedReplicas(started);
    this.registry.forget(started, this.config.discovery.forgetAfterMs);
    this.memoryWriter?.save(this.records.values());
    await this.publish(started);
  }

  /** What the discovery sources and other services add to a derived topology. */
  private decorate(derived: Topology): Topology {
    return { ...this.sources.reduce((t, s) => s.decorate(t), derived), ...this.extras() };
  }

  /** The one place the current topology changes: kept, its events logged, announced in order. */
  private announce(topology: Topology, delta: TopologyDelta, events: TopologyEvent[]): void {
    this.view.topology = topology;
    this.view.pushEvents(events);
    for (const e of events) log.info({ kind: e.kind, node: e.nodeId, from: e.from, to: e.to }, 'topology event');
    try {
      this.emit('topology', topology, delta);
    } catch (err) {
      log.error({ err }, 'a topology listener failed; the others may have missed this change');
    }
  }

  /**
   * Derive, diff, announce, record: each a pass over every node, each in its own event-loop
   * task. From reading the registry to announcing, the fast lane waits (see FastLane.hold).
   */
  private async publish(started: number): Promise<void> {
    await yieldToLoop();
    const release = this.lane.hold();
    let delta: TopologyDelta, events: TopologyEvent[], topology: Topology;
    try {
      const observations = this.registry.observations();
      topology = this.decorate(deriveTopology(observations, this.canonical, this.config.thresholds, started));
      await yieldToLoop();
      ({ delta, events } = diffTopology(this.view.topology, topology, () => `ev-${started}-${++this.eventSeq}`));
      await yieldToLoop();
      this.announce(topology, delta, events);
      release(observations);
    } finally {
      release();
    }
    this.cycles++;
    await yieldToLoop();
    const samples = this.view.recordHistory(topology, started);
    const since = this.laneEvents;
    this.laneEvents = [];
    const report: CycleReport = { topology, delta, events: [...since, ...events], samples, durationMs: Date.now() - started };
    await this.dispatch(report, events);
  }

  /**
   * Each 'cycle' listener (diagnosis, history, the socket feed…) in its own turn of the event
   * loop: at 1,000 nodes one cycle's work is several short tasks instead of one long one that
   * holds back every socket and timer. The cycle ends (and the next is timed) after the last.
   */
  private async dispatch(report: CycleReport, ownEvents: TopologyEvent[]): Promise<void> {
    for (const step of [...this.steps]) {
      try {
        await step(report);
      } catch (err) {
        log.error({ err }, 'a cycle step failed; the others still run');
      }
    }
    for (const listener of this.listeners('cycle')) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        listener(report);
      } catch (err) {
        log.error({ err }, 'a cycle listener failed; the others still run');
      }
    }
    // The fast lane's were announced as they happened.
    for (const e of ownEvents) this.emit('topology-event', e);
  }

  // ── the read side (monitor-view.ts), unchanged for callers ──────────────────────────────
  snapshot(): TopologySnapshot {
    return this.view.snapshot();
  }

  nodeViews(): NodeView[] {
    return this.view.nodeViews();
  }

  clusterInfoReadings(): Array<{ id: string; info: ClusterInfoReading; at: number }> {
    return this.view.clusterInfoReadings();
  }

  eventsSince(sinceMs: number): TopologyEvent[] {
    return this.view.eventsSince(sinceMs);
  }

  recentEvents(limit = 200): TopologyEvent[] {
    return this.view.recentEvents(limit);
  }

  nodeDetail(rawId: string): NodeDetail | null {
    return this.view.nodeDetail(rawId);
  }

  historyOf(rawId: string, metric: HistoryMetric, sinceMs: number, opts?: HistoryQueryOptions): HistoryPoint[] | null {
    return this.view.historyOf(rawId, metric, sinceMs, opts);
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
