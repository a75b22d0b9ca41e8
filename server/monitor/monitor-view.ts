// The monitor's read side: what one cycle left behind (topology, events, history rings) and the
// queries every other service asks of it. The cycle (monitor.ts) writes through `publish`,
// `pushEvents` and `recordHistory`; nothing here polls or schedules.
import type {
  HistoryMetric,
  HistoryPoint,
  NodeDetail,
  NodeSample,
  Topology,
  TopologyEvent,
  TopologySnapshot,
} from '../../lib/contracts';
import type { ClusterInfoReading } from '../../lib/cluster/cluster-parse';
import type { HistoryQueryOptions } from '../../lib/history/history-query';
import type { NodeView } from '../../lib/diagnosis/diagnosis-input';
import { HistoryStore } from './history';
import type { NodeRecord } from './node-record';

const MAX_EVENTS = 1000;

export class MonitorView {
  readonly history: HistoryStore;
  private readonly events: TopologyEvent[] = [];
  topology: Topology | null = null;

  constructor(
    private readonly records: ReadonlyMap<string, NodeRecord>,
    private readonly canonical: (id: string) => string,
    private readonly intervalMs: number,
    historyLength: number,
  ) {
    this.history = new HistoryStore(historyLength);
  }

  /** Keep events (oldest first), the newest MAX_EVENTS of them. */
  pushEvents(events: TopologyEvent[]): void {
    this.events.push(...events);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
  }

  /** One sample per known node into the history rings; the samples go out with the cycle. */
  recordHistory(topology: Topology, t: number): NodeSample[] {
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

  historyOf(rawId: string, metric: HistoryMetric, sinceMs: number, opts?: HistoryQueryOptions): HistoryPoint[] | null {
    return this.history.query(this.canonical(rawId), metric, sinceMs, opts);
  }
}
