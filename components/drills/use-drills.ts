'use client';
// Drills data for the page: scenarios once, history on demand, and the live drill from
// `drill:progress` / `drill:finished` plus a REST poll while it runs (events sent while the
// socket was down are lost).
import { useEffect, useState } from 'react';
import type { DrillRun, DrillScenariosResponse } from '@/lib/contracts/drills';
import { errorMessage } from '@/components/hooks/api-client';
import { useLiveRun } from '@/components/hooks/use-live-run';
import { applyDrillProgress, applyDrillRecord, isDrillOver } from './drill-view';
import { fetchDrill, fetchDrills, fetchScenarios } from './drills-api';

const POLL_MS = 1000;

export function useDrillScenarios(): { data: DrillScenariosResponse | null; error: string | null } {
  const [data, setData] = useState<DrillScenariosResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    fetchScenarios(ac.signal)
      .then((d) => setData(d))
      .catch((err: unknown) => !ac.signal.aborted && setError(errorMessage(err)));
    return () => ac.abort();
  }, []);
  return { data, error };
}

/** Past drills, reloaded whenever `key` changes (a drill started or ended). */
export function useDrillHistory(key: string): { drills: DrillRun[] | null; error: string | null } {
  const [drills, setDrills] = useState<DrillRun[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    fetchDrills(50, ac.signal)
      .then((d) => {
        setDrills(d);
        setError(null);
      })
      .catch((err: unknown) => !ac.signal.aborted && setError(errorMessage(err)));
    return () => ac.abort();
  }, [key]);
  return { drills, error };
}

/** The drill `id`, live; null until its record arrives. */
export function useLiveDrill(id: string | null): DrillRun | null {
  const [run, setRun] = useState<DrillRun | null>(null);
  useLiveRun({
    id,
    isRunning: !isDrillOver(run),
    pollMs: POLL_MS,
    fetchRun: fetchDrill,
    onFetched: (next) => setRun((r) => applyDrillRecord(r, next)),
    events: {
      'drill:progress': (p) => setRun((r) => applyDrillProgress(r, p)),
      'drill:finished': (next) => setRun((r) => (next.id === id ? applyDrillRecord(r, next) : r)),
    },
  });
  return run && run.id === id ? run : null;
}
