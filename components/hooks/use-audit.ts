'use client';
// The audit trail, newest first: the latest page, older pages on demand, and a reload whenever
// a run finishes (its entries were just written).
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '@/lib/contracts';
import { errorMessage } from './api-client';
import { fetchAudit } from './actions-api';
import { getSocket } from './socket-client';

export interface AuditState {
  entries: AuditEntry[] | null;
  error: string | null;
  /** False once an older page came back short. */
  hasOlder: boolean;
  isLoadingOlder: boolean;
  loadOlder(): void;
  refresh(): void;
}

export function useAudit(pageSize: number): AuditState {
  const [latest, setLatest] = useState<AuditEntry[] | null>(null);
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [hasOlder, setHasOlder] = useState(true);
  const [isLoadingOlder, setIsLoadingOlder] = useState(false);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const ac = new AbortController();
    fetchAudit(pageSize, undefined, ac.signal)
      .then((entries) => {
        setLatest(entries);
        setError(null);
        if (entries.length < pageSize) setHasOlder(false);
      })
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setError(errorMessage(err));
      });
    return () => ac.abort();
  }, [pageSize, version]);

  useEffect(() => {
    const socket = getSocket();
    socket.on('action:finished', refresh);
    socket.io.on('reconnect', refresh);
    return () => {
      socket.off('action:finished', refresh);
      socket.io.off('reconnect', refresh);
    };
  }, [refresh]);

  const latestIds = new Set((latest ?? []).map((e) => e.id));
  const entries = latest ? [...latest, ...older.filter((e) => !latestIds.has(e.id))] : null;
  const oldest = entries?.at(-1)?.id;

  const loadOlder = useCallback(() => {
    if (oldest === undefined) return;
    setIsLoadingOlder(true);
    fetchAudit(pageSize, oldest)
      .then((page) => {
        setOlder((cur) => [...cur, ...page]);
        if (page.length < pageSize) setHasOlder(false);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setIsLoadingOlder(false));
  }, [oldest, pageSize]);

  return { entries, error, hasOlder, isLoadingOlder, loadOlder, refresh };
}
