// Redis Cluster discovery: once a polled node says `cluster_enabled:1`, read CLUSTER SHARDS
// (CLUSTER NODES before 7.0) from one node, CLUSTER INFO and CLUSTER NODES from every node that
// answers, every few seconds and right after a topology change. `cluster_state`, slot counts
// and epoch follow each poll's own CLUSTER INFO (server/redis/node-client.ts) in between. Every member is handed to the
// monitor to be polled like any node; the model rides on the topology as `cluster`.
import type { Cluster, TopologyEvent } from '../../lib/contracts';
import { buildCluster, shardMemory, withCluster, withPollClusterInfo, type ObserverView } from '../../lib/cluster/cluster-model';
import { parseClusterInfo, parseClusterNodes, parseClusterShards, shardsFromNodes, type ShardReading } from '../../lib/cluster/cluster-parse';
import { logger } from '../logger';
import type { CycleReport, Monitor } from '../monitor/monitor';
import type { NodePool } from '../redis/node-pool';

const log = logger('cluster');
/** Topology changes that can mean the cluster changed shape (failover, node lost or back). */
const SHAPE_EVENTS = new Set<TopologyEvent['kind']>(['node_added', 'node_unreachable', 'node_reachable', 'role_changed', 'upstream_changed']);

export interface ClusterServiceOptions {
  /** Re-read the cluster at least this often (ms). */
  refreshMs: number;
}

export class ClusterService {
  private cluster: Cluster | null = null;
  private readonly formerShard = new Map<string, string>();
  private refreshing: Promise<void> | null = null;
  private again = false;
  private lastReadAt = 0;
  private lastErrorLogged = '';

  constructor(
    private readonly monitor: Monitor,
    private readonly pool: NodePool,
    private readonly opts: ClusterServiceOptions,
  ) {
    monitor.addDiscovery({
      nodeIds: () => this.cluster?.members.flatMap((m) => m.id ?? []) ?? [],
      decorate: (t) => {
        const cluster = this.snapshot();
        return cluster ? withCluster(t, cluster) : t;
      },
    });
    monitor.on('cycle', (report) => this.onCycle(report));
  }

  /**
   * The latest model, its state, slot counts and epoch from the polls' CLUSTER INFO when newer
   * than the last CLUSTER SHARDS/NODES read; null when no cluster node has answered.
   */
  snapshot(): Cluster | null {
    return this.cluster && withPollClusterInfo(this.cluster, this.monitor.clusterInfoReadings());
  }

  /** Polled nodes that say they run in cluster mode, the last one read from first. */
  private clusterNodes(): string[] {
    const ids = this.monitor
      .nodeViews()
      .filter((v) => v.reachable && v.info?.sections.cluster?.cluster_enabled === '1')
      .map((v) => v.id);
    const last = this.cluster?.readFrom;
    return last && ids.includes(last) ? [last, ...ids.filter((id) => id !== last)] : ids;
  }

  private onCycle(report: CycleReport): void {
    const changed = report.events.some((e) => SHAPE_EVENTS.has(e.kind)) || this.disagrees(report);
    if (!changed && Date.now() - this.lastReadAt < this.opts.refreshMs) return;
    void this.refresh();
  }

  /** A member whose own INFO role differs from the model: the cluster moved on since the last read. */
  private disagrees(report: CycleReport): boolean {
    const roleOf = new Map(report.topology.nodes.filter((n) => n.reachable).map((n) => [n.id, n.role]));
    return (this.cluster?.members ?? []).some((m) => {
      const role = m.id ? roleOf.get(m.id) : undefined;
      return role !== undefined && role !== 'unknown' && (role === 'master') !== (m.role === 'primary');
    });
  }

  /** One refresh at a time; a request during one runs once more right after it. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.read()
      .catch((err: unknown) => log.warn({ err }, 'cluster read failed'))
      .finally(() => {
        this.refreshing = null;
        if (this.again) {
          this.again = false;
          void this.refresh();
        }
      });
    return this.refreshing;
  }

  private async read(): Promise<void> {
    const nodes = this.clusterNodes();
    if (!nodes.length) return;
    this.lastReadAt = Date.now();
    const views = await Promise.all(nodes.map((id) => this.view(id)));
    for (const readFrom of nodes) {
      const shards = await this.shards(readFrom, views.find((v) => v.observer === readFrom));
      if (!shards) continue;
      const cluster = buildCluster({ readFrom, readAt: Date.now(), source: shards.source, shards: shards.list, views }, this.formerShard);
      shardMemory(cluster, this.formerShard);
      if (cluster.members.length !== this.cluster?.members.length) log.info({ readFrom, shards: cluster.shards.length, members: cluster.members.length }, 'cluster read');
      this.cluster = cluster;
      this.lastErrorLogged = '';
      return;
    }
  }

  /** CLUSTER SHARDS from one node; CLUSTER NODES (already read) when the server is older than 7.0. */
  private async shards(id: string, view: ObserverView | undefined): Promise<{ source: 'shards' | 'nodes'; list: ShardReading[] } | null> {
    try {
      return { source: 'shards', list: parseClusterShards(await this.pool.get(id).client.call('CLUSTER', 'SHARDS')) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/unknown subcommand|unknown command/i.test(message) && view?.nodes) return { source: 'nodes', list: shardsFromNodes(view.nodes) };
      if (message !== this.lastErrorLogged) log.warn({ node: id, err: message }, 'CLUSTER SHARDS failed; trying another node');
      this.lastErrorLogged = message;
      return null;
    }
  }

  /** One node's own view: CLUSTER INFO and CLUSTER NODES in one round trip. */
  private async view(id: string): Promise<ObserverView> {
    try {
      const replies = (await this.pool.get(id).client.pipeline().call('CLUSTER', 'INFO').call('CLUSTER', 'NODES').exec()) ?? [];
      const [[infoErr, info] = [null, null], [nodesErr, nodes] = [null, null]] = replies;
      return {
        observer: id,
        ...(infoErr || typeof info !== 'string' ? {} : { info: parseClusterInfo(info) }),
        ...(nodesErr || typeof nodes !== 'string' ? {} : { nodes: parseClusterNodes(nodes) }),
      };
    } catch (err) {
      log.debug({ node: id, err }, 'cluster view not read');
      return { observer: id };
    }
  }
}
