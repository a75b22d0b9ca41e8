'use client';
// Drills data for the page: scenarios once, history on demand, and the live drill from
// `drill:progress` / `drill:finished` plus a REST poll while it runs (events sent while the
// socket was down are lost).
import { useEffect, useState } from 'react';
import type {
  DrillProgress,
  DrillRun,
  DrillScenariosResponse,
  DrillServerToClientEvents,
} from '@/lib/contracts/drills';
import { errorMessage } from '@/components/hooks/api-client';
import { getSocket } from '@/components/hooks/socket-client';
import { applyDrillProgress, applyDrillRecord, isDrillOver } from './drill-view';
import { fetchDrill, fetchDrills, fetchScenarios } from './drills-api';

const POLL_MS = 1000;

// The shared socket is typed from ServerToClientEvents; the drill events join it there
// (lib/contracts/socket.ts). Until then this narrow view keeps the hook typed on its own.
type DrillSocket = {
  on<K extends keyof DrillServerToClientEvents>(ev: K, fn: DrillServerToClientEvents[K]): unknown;
  off<K extends keyof DrillServerToClientEvents>(ev: K, fn: DrillServerToClientEvents[K]): unknown;
};

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
  const isOver = isDrillOver(run);

  useEffect(() => {
    if (!id) return;
    const socket = getSocket() as unknown as DrillSocket;
    const onProgress = (p: DrillProgress) => setRun((r) => applyDrillProgress(r, p));
    const onFinished = (next: DrillRun) =>
      setRun((r) => (next.id === id ? applyDrillRecord(r, next) : r));
    socket.on('drill:progress', onProgress);
    socket.on('drill:finished', onFinished);
    return () => {
      socket.off('drill:progress', onProgress);
      socket.off('drill:finished', onFinished);
    };
  }, [id]);

  useEffect(() => {
    if (!id || isOver) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const ac = new AbortController();
    const load = async () => {
      try {
        const next = await fetchDrill(id, ac.signal);
        setRun((r) => applyDrillRecord(r, next));
      } catch {
        // transient: the next poll and the socket events still come
      }
      if (!stopped) timer = setTimeout(() => void load(), POLL_MS);
    };
    void load();
    return () => {
      stopped = true;
      ac.abort();
      clearTimeout(timer);
    };
  }, [id, isOver]);

  return run && run.id === id ? run : null;
}
