'use client';
// One run, live: `action:progress` / `action:finished` over the shared socket, plus the REST
// record at start and on a slow timer while it runs (events sent while disconnected are lost).
import { useEffect, useReducer } from 'react';
import type { ActionPlanStep, ActionProgress, ActionRun } from '@/lib/contracts';
import {
  applyProgress,
  applyRun,
  initialRunView,
  isFinalState,
  type RunView,
} from '@/components/actions/run-view';
import { fetchRun } from './actions-api';
import { getSocket } from './socket-client';

const POLL_MS = 3000;

type Msg = { type: 'progress'; p: ActionProgress } | { type: 'run'; run: ActionRun };

function reduce(view: RunView, msg: Msg): RunView {
  return msg.type === 'progress' ? applyProgress(view, msg.p) : applyRun(view, msg.run);
}

/** Key the calling component by `runId`: the view starts from the plan's steps once. */
export function useActionRun(runId: string, planSteps: readonly ActionPlanStep[]): RunView {
  const [view, dispatch] = useReducer(reduce, null, () => initialRunView(runId, planSteps));
  const isDone = isFinalState(view.state);

  useEffect(() => {
    const socket = getSocket();
    const onProgress = (p: ActionProgress) => dispatch({ type: 'progress', p });
    const onFinished = (run: ActionRun) => dispatch({ type: 'run', run });
    socket.on('action:progress', onProgress);
    socket.on('action:finished', onFinished);
    return () => {
      socket.off('action:progress', onProgress);
      socket.off('action:finished', onFinished);
    };
  }, []);

  useEffect(() => {
    if (isDone) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const ac = new AbortController();
    const load = async () => {
      try {
        dispatch({ type: 'run', run: await fetchRun(runId, ac.signal) });
      } catch {
        // transient: the socket events and the next poll still arrive
      }
      if (!stopped) timer = setTimeout(() => void load(), POLL_MS);
    };
    void load();
    return () => {
      stopped = true;
      ac.abort();
      clearTimeout(timer);
    };
  }, [runId, isDone]);

  return view;
}
