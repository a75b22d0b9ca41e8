// A run as the dialog shows it, merged from two sources that can arrive in any order: the REST
// record (`GET /api/actions/runs/:id`, authoritative but a snapshot) and the live socket events
// (`action:progress`, `action:finished`). A step never moves backwards, so a stale snapshot that
// lands after a newer event cannot make a finished step look pending again.
import type {
  ActionPlanStep,
  ActionProgress,
  ActionRun,
  ActionRunState,
  ActionRunStep,
  Bilingual,
  SyncProgress,
} from '@/lib/contracts';

type StepState = ActionRunStep['state'];

export interface RunView {
  runId: string;
  state: ActionRunState;
  steps: ActionRunStep[];
  /** Latest full-sync transfer figures; shown under the running step. */
  sync: SyncProgress | null;
  /** What the server is doing now (a step, the sync, verification, rollback). */
  phase: ActionProgress['phase'] | null;
  message: Bilingual | null;
  /** The full record once fetched or finished: verification, node states, error. */
  run: ActionRun | null;
}

const STEP_RANK: Record<StepState, number> = {
  pending: 0,
  running: 1,
  ok: 2,
  failed: 2,
  skipped: 2,
};

export function isFinalState(state: ActionRunState): boolean {
  return state !== 'running';
}

export function initialRunView(runId: string, planSteps: readonly ActionPlanStep[]): RunView {
  return {
    runId,
    state: 'running',
    steps: planSteps.map((s, index) => ({ ...s, index, state: 'pending' })),
    sync: null,
    phase: null,
    message: null,
    run: null,
  };
}

function mergeStep(prev: ActionRunStep | undefined, next: ActionRunStep): ActionRunStep {
  if (!prev) return next;
  return STEP_RANK[next.state] >= STEP_RANK[prev.state] ? { ...prev, ...next } : prev;
}

/** A live progress event for this run; events of other runs are ignored. */
export function applyProgress(view: RunView, p: ActionProgress): RunView {
  if (p.runId !== view.runId || isFinalState(view.state)) return view;
  let steps = view.steps;
  let sync = p.sync ?? view.sync;
  const stepState = p.stepState;
  if (p.stepIndex !== undefined && stepState) {
    const i = p.stepIndex;
    const prev = steps[i];
    if (prev && STEP_RANK[stepState] >= STEP_RANK[prev.state]) {
      steps = steps.map((s, j) => (j === i ? { ...s, state: stepState } : s));
      // A step that ended takes its transfer figures with it.
      if (STEP_RANK[stepState] === 2) sync = null;
    }
  }
  return { ...view, steps, sync, phase: p.phase, message: p.message };
}

/** The REST record or the `action:finished` payload. */
export function applyRun(view: RunView, run: ActionRun): RunView {
  if (run.id !== view.runId) return view;
  // Only a final record may overrule a final state we already know.
  if (isFinalState(view.state) && !isFinalState(run.state)) return view;
  const steps = run.steps.map((s, i) => mergeStep(view.steps[i], s));
  const final = isFinalState(run.state);
  return {
    ...view,
    state: run.state,
    steps,
    sync: final ? null : view.sync,
    phase: final ? null : view.phase,
    message: final ? null : view.message,
    run,
  };
}

/** The step the sync figures belong to: the running one. */
export function runningStepIndex(view: RunView): number {
  return view.steps.findIndex((s) => s.state === 'running');
}
