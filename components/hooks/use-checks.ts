'use client';
// On-demand checks (canary, master–replica comparison): REST calls, the history list, one live
// run (`check:progress` / `check:done` plus a REST poll while it runs, since events sent while
// the socket was down are lost), and the shared heartbeat-delay store (`heartbeat:update`).
import { useEffect, useState, useSyncExternalStore } from 'react';
import {
  CheckCancelResponseSchema,
  CheckListResponseSchema,
  CheckRunSchema,
  CheckStartedSchema,
  type CheckRun,
  type CheckSummary,
  type CompareMode,
  type HeartbeatSample,
} from '@/lib/contracts';
import { deleteParsed, errorMessage, fetchParsed, postParsed } from './api-client';
import { getSocket, onParsed } from './socket-client';
import { useLiveRun } from './use-live-run';

const POLL_MS = 1000;
const checkPath = (id: string) => `/api/checks/${encodeURIComponent(id)}`;

export function startCanary(): Promise<{ id: string }> {
  return postParsed('/api/checks/canary', {}, CheckStartedSchema);
}

export function startCompare(replica: string, mode: CompareMode, sampleSize?: number): Promise<{ id: string }> {
  const body = mode === 'sample' ? { replica, mode, sampleSize } : { replica, mode };
  return postParsed('/api/checks/compare', body, CheckStartedSchema);
}

export function cancelCheck(id: string): Promise<{ id: string; state: 'cancelling' }> {
  return deleteParsed(checkPath(id), CheckCancelResponseSchema);
}

export function fetchCheck(id: string, signal?: AbortSignal): Promise<CheckRun> {
  return fetchParsed(checkPath(id), CheckRunSchema, signal);
}

export function exportUrl(id: string, format: 'json' | 'csv'): string {
  return `${checkPath(id)}/export?format=${format}`;
}

/** Past and running checks, newest first; reloads when `key` changes and whenever a check ends. */
export function useCheckHistory(key: string, limit = 50): { checks: CheckSummary[] | null; error: string | null } {
  const [checks, setChecks] = useState<CheckSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [doneCount, setDoneCount] = useState(0);
  useEffect(() => {
    const socket = getSocket();
    const onDone = () => setDoneCount((n) => n + 1);
    return onParsed(socket, 'check:done', onDone);
  }, []);
  useEffect(() => {
    const ac = new AbortController();
    fetchParsed(`/api/checks?limit=${limit}`, CheckListResponseSchema, ac.signal)
      .then((b) => {
        setChecks([...b.checks].sort((a, b2) => b2.startedAt - a.startedAt));
        setError(null);
      })
      .catch((err: unknown) => !ac.signal.aborted && setError(errorMessage(err)));
    return () => ac.abort();
  }, [key, limit, doneCount]);
  return { checks, error };
}

/** The run `id`, live; null until its record arrives. */
export function useLiveCheck(id: string | null): CheckRun | null {
  const [run, setRun] = useState<CheckRun | null>(null);
  useLiveRun({
    id,
    isRunning: run === null || run.id !== id || run.state === 'running',
    pollMs: POLL_MS,
    fetchRun: fetchCheck,
    // A finished copy from `check:done` is never replaced by an older running one.
    onFetched: (next) => setRun((r) => (r && r.id === id && r.state !== 'running' ? r : next)),
    events: {
      'check:progress': (e) =>
        setRun((r) => (r && r.id === e.id && r.state === 'running' ? { ...r, state: e.state, progress: e.progress } : r)),
      'check:done': (next) => setRun((r) => (next.id === id ? next : r)),
    },
  });
  return run && run.id === id ? run : null;
}

// ── heartbeat ─────────────────────────────────────────────────────────────────────────────

const HEARTBEAT_KEEP_MS = 15 * 60_000;

export interface HeartbeatState {
  /** Per replica id, oldest first, the last 15 minutes. */
  byNode: Readonly<Record<string, readonly HeartbeatSample[]>>;
  /** When this tab started listening (0 before); lets the UI tell "waiting" from "off". */
  listeningSince: number;
  lastAt: number | null;
}

const EMPTY_HEARTBEAT: HeartbeatState = { byNode: {}, listeningSince: 0, lastAt: null };
let hb: HeartbeatState = EMPTY_HEARTBEAT;
let hbStarted = false;
const hbListeners = new Set<() => void>();

function onHeartbeat(samples: HeartbeatSample[]): void {
  if (samples.length === 0) return;
  const byNode: Record<string, readonly HeartbeatSample[]> = { ...hb.byNode };
  let lastAt = hb.lastAt ?? 0;
  for (const s of samples) {
    const prev = byNode[s.nodeId] ?? [];
    const cutoff = s.t - HEARTBEAT_KEEP_MS;
    byNode[s.nodeId] = [...prev.filter((p) => p.t >= cutoff), s];
    lastAt = Math.max(lastAt, s.t);
  }
  hb = { ...hb, byNode, lastAt };
  for (const l of hbListeners) l();
}

function subscribeHeartbeat(listener: () => void): () => void {
  if (!hbStarted) {
    hbStarted = true;
    hb = { ...hb, listeningSince: Date.now() };
    onParsed(getSocket(), 'heartbeat:update', onHeartbeat);
  }
  hbListeners.add(listener);
  return () => hbListeners.delete(listener);
}

export function useHeartbeat(): HeartbeatState {
  return useSyncExternalStore(
    subscribeHeartbeat,
    () => hb,
    () => EMPTY_HEARTBEAT,
  );
}
