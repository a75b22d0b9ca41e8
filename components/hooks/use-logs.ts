'use client';
// The log panel's data: the live tail of one node (first page over REST, then `log:lines` upserts
// by row id) and the raw lines around a chosen time.
import { useEffect, useRef, useState } from 'react';
import type { LogEntry, LogLinesEvent, LogRawLine } from '@/lib/contracts';
import {
  LOG_PAGE,
  filterKey,
  matchesLogFilter,
  upsertLogRows,
  type LogFilter,
} from '@/components/logs/log-rows';
import { errorMessage } from './api-client';
import { fetchLogsAround, fetchNodeLogs } from './logs-api';
import { getSocket, onParsed } from './socket-client';
import { watchNode } from './node-watch';

export interface LogTailState {
  rows: LogEntry[];
  isLoading: boolean;
  error: string | null;
}

interface Keyed extends LogTailState {
  key: string;
}

/** Live pushes are applied at most this often. */
const FLUSH_MS = 250;

const loading = (key: string): Keyed => ({ key, rows: [], isLoading: true, error: null });

export function useLogTail(nodeId: string, filter: LogFilter): LogTailState {
  const key = `${nodeId}\n${filterKey(filter)}`;
  const [state, setState] = useState<Keyed>(() => loading(key));
  const [epoch, setEpoch] = useState(0);
  // The socket handler outlives filter changes; it reads the current filter from here.
  const current = useRef({ key, filter });
  useEffect(() => {
    current.current = { key, filter };
  });

  // Live pushes for this node, applied in batches: a storm can push hundreds of times a second,
  // and one render per push would keep the page busy. A reconnect refetches (pushes missed
  // meanwhile are lost).
  useEffect(() => {
    const socket = getSocket();
    let pending: LogEntry[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const { key: k, filter: f } = current.current;
      const entries = pending.filter((e) => matchesLogFilter(e, f));
      pending = [];
      if (entries.length === 0) return;
      setState((prev) =>
        prev.key === k
          ? { ...prev, rows: upsertLogRows(prev.rows, entries) }
          : { ...loading(k), rows: upsertLogRows([], entries) },
      );
    };
    const onLines = (payload: LogLinesEvent) => {
      if (payload.nodeId !== nodeId) return;
      pending.push(...payload.entries);
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    let connects = socket.connected ? 1 : 0;
    const onConnect = () => {
      connects += 1;
      if (connects > 1) setEpoch((n) => n + 1);
    };
    const offLines = onParsed(socket, 'log:lines', onLines);
    socket.on('connect', onConnect);
    const unwatch = watchNode(nodeId);
    return () => {
      clearTimeout(timer);
      offLines();
      socket.off('connect', onConnect);
      unwatch();
    };
  }, [nodeId]);

  // The first page for this node and filter, merged under anything pushed meanwhile.
  useEffect(() => {
    const ac = new AbortController();
    const { filter: f } = current.current;
    fetchNodeLogs(nodeId, f, LOG_PAGE, ac.signal).then(
      (lines) =>
        setState((prev) => ({
          key,
          rows: upsertLogRows(prev.key === key ? prev.rows : [], lines),
          isLoading: false,
          error: null,
        })),
      (err: unknown) => {
        if (ac.signal.aborted) return;
        setState((prev) => ({
          ...(prev.key === key ? prev : loading(key)),
          isLoading: false,
          error: errorMessage(err),
        }));
      },
    );
    return () => ac.abort();
  }, [nodeId, key, epoch]);

  return state.key === key ? state : loading(key);
}

export interface LogsAroundState {
  lines: LogRawLine[];
  isLoading: boolean;
  error: string | null;
}

interface AroundKeyed extends LogsAroundState {
  key: string;
}

/** Raw lines of `nodes` within ±windowMs of `t` (oldest first); idle while `t` is null. */
export function useLogsAround(
  nodes: readonly string[],
  t: number | null,
  windowMs: number,
): LogsAroundState {
  const nodesKey = nodes.join(',');
  const key = t === null ? '' : `${nodesKey}\n${t}\n${windowMs}`;
  const [state, setState] = useState<AroundKeyed>({
    key: '',
    lines: [],
    isLoading: false,
    error: null,
  });

  useEffect(() => {
    if (t === null || !nodesKey) return;
    const ac = new AbortController();
    fetchLogsAround(nodesKey.split(','), t, windowMs, ac.signal).then(
      (lines) => setState({ key, lines, isLoading: false, error: null }),
      (err: unknown) => {
        if (!ac.signal.aborted)
          setState({ key, lines: [], isLoading: false, error: errorMessage(err) });
      },
    );
    return () => ac.abort();
  }, [key, nodesKey, t, windowMs]);

  if (t === null) return { lines: [], isLoading: false, error: null };
  return state.key === key ? state : { lines: [], isLoading: true, error: null };
}
