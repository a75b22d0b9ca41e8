'use client';
// NodeDetail from the REST API, refreshed on a self-rescheduling timer (never overlapping).
import { useEffect, useState } from 'react';
import type { NodeDetail } from '@/lib/contracts';
import { ApiRequestError, errorMessage, fetchNodeDetail } from './api-client';
import { pollLoop } from './poll-loop';

export interface NodeDetailState {
  nodeId: string;
  detail: NodeDetail | null;
  error: string | null;
  isNotFound: boolean;
  isLoading: boolean;
}

const initial = (nodeId: string): NodeDetailState => ({
  nodeId,
  detail: null,
  error: null,
  isNotFound: false,
  isLoading: true,
});

export function useNodeDetail(nodeId: string, refreshMs: number): NodeDetailState {
  const [state, setState] = useState<NodeDetailState>(() => initial(nodeId));

  useEffect(
    () =>
      pollLoop(async (signal) => {
        try {
          const detail = await fetchNodeDetail(nodeId, signal);
          setState({ nodeId, detail, error: null, isNotFound: false, isLoading: false });
        } catch (err) {
          if (signal.aborted) return;
          const isNotFound = err instanceof ApiRequestError && err.status === 404;
          setState((prev) => ({
            ...(prev.nodeId === nodeId ? prev : initial(nodeId)),
            error: errorMessage(err),
            isNotFound,
            isLoading: false,
          }));
        }
      }, refreshMs),
    [nodeId, refreshMs],
  );

  return state.nodeId === nodeId ? state : initial(nodeId);
}
