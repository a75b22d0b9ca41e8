'use client';
// One run, live: `action:progress` / `action:finished` over the shared socket, plus the REST
// record at start and on a slow timer while it runs (events sent while disconnected are lost).
import { useReducer } from 'react';
import type { ActionPlanStep, ActionProgress, ActionRun } from '@/lib/contracts';
import {
  applyProgress,
  applyRun,
  initialRunView,
  isFinalState,
  type RunView,
} from '@/components/actions/run-view';
import { fetchRun } from './actions-api';
import { useLiveRun } from './use-live-run';

const POLL_MS = 3000;

type Msg = { type: 'progress'; p: ActionProgress } | { type: 'run'; run: ActionRun };

function reduce(view: RunView, msg: Msg): RunView {
  return msg.type === 'progress' ? applyProgress(view, msg.p) : applyRun(view, msg.run);
}

/** Key the calling component by `runId`: the view starts from the plan's steps once. */
export function useActionRun(runId: string, planSteps: readonly ActionPlanStep[]): RunView {
  const [view, dispatch] = useReducer(reduce, null, () => initialRunView(runId, planSteps));
  useLiveRun({
    id: runId,
    isRunning: !isFinalState(view.state),
    pollMs: POLL_MS,
    fetchRun,
    onFetched: (run) => dispatch({ type: 'run', run }),
    events: {
      'action:progress': (p) => dispatch({ type: 'progress', p }),
      'action:finished': (run) => dispatch({ type: 'run', run }),
    },
  });
  return view;
}
