'use client';
// Chart series for the 24 h / 7 d / 30 d windows: per-minute or per-15-minute rollups from the
// history API (`range=`), which survive a server restart. No live points: a bucket is a minute.
import { useEffect, useState } from 'react';
import { HistoryResponseSchema, type HistoryMetric } from '@/lib/contracts';
import type { SeriesMap } from '@/components/charts/series';
import { errorMessage, fetchParsed } from './api-client';

const REFRESH_MS = 60_000;

export function useLongSeries(
  nodeId: string,
  metrics: readonly HistoryMetric[],
  range: '24h' | '7d' | '30d' | null,
): { series: SeriesMap; error: string | null; skewMs: number } {
  const [state, setState] = useState<{ key: string; series: SeriesMap; error: string | null }>({
    key: '',
    series: {},
    error: null,
  });
  const metricsKey = metrics.join(',');
  const key = `${nodeId}|${range ?? ''}|${metricsKey}`;
  useEffect(() => {
    if (!range) return;
    const ac = new AbortController();
    const wanted = metricsKey.split(',').filter(Boolean);
    const load = () =>
      void Promise.allSettled(
        wanted.map((m) =>
          fetchParsed(
            `/api/nodes/${encodeURIComponent(nodeId)}/history?${new URLSearchParams({ metric: m, range })}`,
            HistoryResponseSchema,
            ac.signal,
          ),
        ),
      ).then((results) => {
        if (ac.signal.aborted) return;
        const series: SeriesMap = {};
        let error: string | null = null;
        for (const r of results) {
          if (r.status === 'fulfilled')
            series[r.value.metric] = r.value.points.map((p) => ({ t: p.t, v: p.v }));
          else error ??= errorMessage(r.reason);
        }
        setState({ key: `${nodeId}|${range}|${metricsKey}`, series, error });
      });
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      ac.abort();
      clearInterval(timer);
    };
  }, [nodeId, range, metricsKey]);
  const current = state.key === key ? state : { series: {}, error: null };
  return { series: current.series, error: current.error, skewMs: 0 };
}
