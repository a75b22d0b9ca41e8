'use client';
// Chart series for one node: history for the window from the REST API, then live `node:sample`
// points over the socket (`node:watch` on mount, `node:unwatch` on unmount).
import { useEffect, useState } from 'react';
import type { HistoryMetric, NodeSample } from '@/lib/contracts';
import { appendSample, mergePoints, type SeriesMap } from '@/components/charts/series';
import { errorMessage, fetchHistory } from './api-client';
import { getSocket, onParsed } from './socket-client';
import { watchNode } from './node-watch';

/** Live points are kept for the longest selectable window. */
export const MAX_WINDOW_MS = 60 * 60 * 1000;

interface SeriesState {
  nodeId: string;
  series: SeriesMap;
  error: string | null;
  /** Browser clock minus server clock, from the latest sample (charts use server time). */
  skewMs: number;
}

const empty = (nodeId: string): SeriesState => ({ nodeId, series: {}, error: null, skewMs: 0 });

export function useNodeSeries(
  nodeId: string,
  metrics: readonly HistoryMetric[],
  windowMs: number,
): { series: SeriesMap; error: string | null; skewMs: number } {
  const [state, setState] = useState<SeriesState>(() => empty(nodeId));

  // Live samples.
  useEffect(() => {
    const socket = getSocket();
    const onSample = (sample: NodeSample) => {
      if (sample.nodeId !== nodeId) return;
      const skewMs = Date.now() - sample.t;
      setState((prev) => {
        const base = prev.nodeId === nodeId ? prev : empty(nodeId);
        return { ...base, skewMs, series: appendSample(base.series, sample, MAX_WINDOW_MS) };
      });
    };
    const offSample = onParsed(socket, 'node:sample', onSample);
    const unwatch = watchNode(nodeId); // counted: the log panel watches the same node
    return () => {
      offSample();
      unwatch();
    };
  }, [nodeId]);

  // History for the selected window, merged under the live points.
  const metricsKey = metrics.join(',');
  useEffect(() => {
    const ac = new AbortController();
    const since = Date.now() - windowMs;
    const wanted = metricsKey.split(',').filter(Boolean) as HistoryMetric[];
    void Promise.allSettled(wanted.map((m) => fetchHistory(nodeId, m, since, ac.signal))).then(
      (results) => {
        if (ac.signal.aborted) return;
        setState((prev) => {
          const base = prev.nodeId === nodeId ? prev : empty(nodeId);
          const series: SeriesMap = { ...base.series };
          let error: string | null = null;
          results.forEach((r, i) => {
            const metric = wanted[i]!;
            if (r.status === 'fulfilled') {
              const sorted = [...r.value].sort((a, b) => a.t - b.t);
              series[metric] = mergePoints(sorted, series[metric] ?? []);
            } else error ??= errorMessage(r.reason);
          });
          return { ...base, series, error };
        });
      },
    );
    return () => ac.abort();
  }, [nodeId, windowMs, metricsKey]);

  const current = state.nodeId === nodeId ? state : empty(nodeId);
  return { series: current.series, error: current.error, skewMs: current.skewMs };
}
