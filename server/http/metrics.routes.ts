// GET /metrics for Prometheus: the monitor's latest cycle and the open findings, as exposition text.
import { replicationFamilies, type NodeMetricsInput } from '../alerts/replication-metrics';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from '../alerts/prometheus-text';
import type { IncidentService } from '../incidents/incident-service';
import type { Monitor } from '../monitor/monitor';
import type { Router } from './router';

function connectedSlaves(raw: string | undefined): number | null {
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}

export function metricsRoutes(router: Router, monitor: Monitor, incidents: IncidentService): void {
  // Scraped every 15–60 s; reads the last cycle's snapshot, never polls Redis itself.
  router.on('GET', '/metrics', ({ res }) => {
    const { topology } = monitor.snapshot();
    const nodes: NodeMetricsInput[] = topology.nodes.map((node) => {
      // A node that did not answer keeps its last INFO in memory; exporting it would look live.
      const detail = node.reachable ? monitor.nodeDetail(node.id) : null;
      return {
        node,
        metrics: detail?.metrics ?? null,
        connectedSlaves: connectedSlaves(detail?.info.replication?.connected_slaves),
      };
    });
    const text = renderExposition(
      replicationFamilies({
        nodes,
        links: topology.links,
        openFindings: incidents.findings('open', 10_000),
        pollCycles: monitor.cycles,
      }),
    );
    res.writeHead(200, { 'content-type': EXPOSITION_CONTENT_TYPE, 'cache-control': 'no-store' });
    res.end(text);
  });
}
