import { z } from 'zod';
import { HISTORY_RANGES_MS, HistoryQuerySchema, NodeIdSchema, type HistoryMetric, type HistoryPoint } from '../../lib/contracts';
import type { Monitor } from '../monitor/monitor';
import { HttpError } from './respond';
import type { Router } from './router';
import { queryObject, validate } from './validate';

const EventsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });


/** Persisted rollups for chart ranges past the raw hour (server/history). */
export interface LongHistory {
  points(nodeId: string, metric: HistoryMetric, sinceMs: number): HistoryPoint[];
}

export function topologyRoutes(router: Router, monitor: Monitor, longHistory?: LongHistory): void {
  // Liveness for load balancers and the test harness.
  router.on('GET', '/healthz', () => ({ ok: true }), { role: 'public' });

  // The whole tree: nodes and links, as of the last poll cycle.
  router.on('GET', '/api/topology', () => monitor.snapshot().topology);

  // Recent topology events (node added/removed, role and replid changes, link up/down).
  router.on('GET', '/api/topology/events', ({ url }) => {
    const { limit } = validate(EventsQuerySchema, queryObject(url), 'query');
    return { events: monitor.recentEvents(limit) };
  });

  // Latest parsed INFO (all sections) of one node plus derived metrics.
  router.on('GET', '/api/nodes/:id', ({ params }) => {
    const id = validate(NodeIdSchema, params.id, 'id');
    const detail = monitor.nodeDetail(id);
    if (!detail) throw new HttpError('not_found', `node ${id} is not in the topology`);
    return detail;
  });

  // Time series of one metric of one node, from the in-memory ring buffers.
  router.on('GET', '/api/nodes/:id/history', ({ params, url }) => {
    const id = validate(NodeIdSchema, params.id, 'id');
    const q = validate(HistoryQuerySchema, queryObject(url), 'query');
    if (q.range && q.range !== '1h' && longHistory) {
      // Rollups outlive the node's presence in memory (and a restart): no 404 for a known id.
      const since = Math.max(q.sinceMs ?? 0, Date.now() - HISTORY_RANGES_MS[q.range]);
      return { nodeId: monitor.canonical(id), metric: q.metric, range: q.range, points: longHistory.points(monitor.canonical(id), q.metric, since) };
    }
    const since = q.range === '1h' ? Math.max(q.sinceMs ?? 0, Date.now() - HISTORY_RANGES_MS['1h']) : (q.sinceMs ?? 0);
    const points = monitor.historyOf(id, q.metric, since);
    if (!points) throw new HttpError('not_found', `node ${id} has no history`);
    return { nodeId: monitor.canonical(id), metric: q.metric, points };
  });

  // Operator removes a node that is gone for good (a node that still answers cannot be removed).
  router.on('DELETE', '/api/nodes/:id', ({ params }) => {
    const id = validate(NodeIdSchema, params.id, 'id');
    const result = monitor.removeNode(id);
    if (result === 'not_found') throw new HttpError('not_found', `node ${id} is not in the topology`);
    if (result === 'reachable') throw new HttpError('conflict', `node ${id} still answers; it would be rediscovered`);
    return { removed: id };
  }, { role: 'operator' });
}
