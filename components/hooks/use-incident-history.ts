'use client';
// Offset gap and lag of some replicas from the in-memory history API, for an incident window.
import { useEffect, useState } from 'react';
import type { HistoryPoint } from '@/lib/contracts';
import { errorMessage, fetchHistory } from './api-client';
import { pollLoop } from './poll-loop';

export const LAG_METRICS = ['offsetGapBytes', 'lagSeconds'] as const;
export type LagMetric = (typeof LAG_METRICS)[number];
export type ReplicaSeries = Record<string, Record<LagMetric, HistoryPoint[]>>;

interface HistoryState {
  key: string;
  series: ReplicaSeries;
  error: string | null;
  isLoading: boolean;
}

/**
 * `sinceMs` should be stable (the window start); while `isLive` the data is refetched every
 * `refreshMs` so an ongoing incident's chart keeps growing.
 */
export function useIncidentHistory(
  replicas: readonly string[],
  sinceMs: number,
  enabled: boolean,
  isLive: boolean,
  refreshMs = 5_000,
): HistoryState {
  const key = `${replicas.join(',')}|${sinceMs}|${enabled}`;
  const [state, setState] = useState<HistoryState>({
    key,
    series: {},
    error: null,
    isLoading: enabled,
  });

  useEffect(() => {
    if (!enabled) return;
    const ids = key.split('|')[0]!.split(',').filter(Boolean);
    const since = Number(key.split('|')[1]);
    return pollLoop(async (signal) => {
      const jobs = ids.flatMap((id) =>
        LAG_METRICS.map(async (m) => ({
          id,
          m,
          points: await fetchHistory(id, m, since, signal),
        })),
      );
      const results = await Promise.allSettled(jobs);
      if (signal.aborted) return false;
      const series: ReplicaSeries = {};
      let error: string | null = null;
      for (const r of results) {
        if (r.status === 'rejected') {
          error ??= errorMessage(r.reason);
          continue;
        }
        const { id, m, points } = r.value;
        series[id] ??= { offsetGapBytes: [], lagSeconds: [] };
        series[id][m] = [...points].sort((a, b) => a.t - b.t);
      }
      setState({ key, series, error, isLoading: false });
      return isLive;
    }, refreshMs);
  }, [key, enabled, isLive, refreshMs]);

  // While a new key loads, keep drawing the previous series rather than flashing empty.
  return state.key === key ? state : { ...state, key, isLoading: enabled };
}
