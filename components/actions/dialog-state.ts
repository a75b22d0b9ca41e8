// The repair dialog's state machine: params → plan → run, with the plan's loading, confirmation
// input and the execute/approve round trips. Pure, so every transition is unit-tested.
import type { ActionPlan, ActionPlanRequest } from '@/lib/contracts';

export type DialogStage = 'params' | 'plan' | 'run';

export interface DialogState {
  stage: DialogStage;
  request: ActionPlanRequest | null;
  plan: ActionPlan | null;
  isLoading: boolean;
  loadError: string | null;
  /** The confirmation the operator typed, and their reason. */
  typed: string;
  reason: string;
  /** An execute or approve request on its way. */
  pending: 'execute' | 'approve' | null;
  actionError: string | null;
  runId: string | null;
}

export type DialogEvent =
  | { type: 'plan_requested'; request: ActionPlanRequest }
  | { type: 'plan_loaded'; plan: ActionPlan }
  | { type: 'plan_failed'; message: string }
  /** A newer version of the shown plan (the second admin approved it). */
  | { type: 'plan_refreshed'; plan: ActionPlan }
  | { type: 'stage'; stage: 'params' | 'plan' }
  | { type: 'typed'; value: string }
  | { type: 'reason'; value: string }
  | { type: 'pending'; what: 'execute' | 'approve' }
  | { type: 'run_started'; runId: string }
  | { type: 'approved'; plan: ActionPlan }
  | { type: 'refused'; message: string }
  /** The run ended and the operator asked to undo it: a new plan from scratch. */
  | { type: 'revert'; request: ActionPlanRequest };

export interface DialogStart {
  request?: ActionPlanRequest;
  planId?: string;
  editParams: boolean;
}

export function initialDialogState(start: DialogStart): DialogState {
  return {
    stage: start.editParams ? 'params' : 'plan',
    request: start.request ?? null,
    plan: null,
    isLoading: !start.editParams,
    loadError: null,
    typed: '',
    reason: '',
    pending: null,
    actionError: null,
    runId: null,
  };
}

/** The request that makes `plan` again (re-check, edit parameters). */
export const requestOf = (p: ActionPlan): ActionPlanRequest => ({
  action: p.action,
  target: p.target,
  params: p.params,
  ...(p.findingId ? { findingId: p.findingId } : {}),
});

export function dialogReducer(s: DialogState, e: DialogEvent): DialogState {
  switch (e.type) {
    case 'plan_requested':
      return { ...s, stage: 'plan', request: e.request, isLoading: true, actionError: null };
    case 'plan_loaded':
      return { ...s, plan: e.plan, request: requestOf(e.plan), loadError: null, isLoading: false };
    case 'plan_failed':
      return { ...s, loadError: e.message, isLoading: false };
    case 'plan_refreshed':
      return s.plan?.id === e.plan.id ? { ...s, plan: e.plan } : s;
    case 'stage':
      return { ...s, stage: e.stage };
    case 'typed':
      return { ...s, typed: e.value };
    case 'reason':
      return { ...s, reason: e.value };
    case 'pending':
      return { ...s, pending: e.what, actionError: null };
    case 'run_started':
      return { ...s, pending: null, runId: e.runId, stage: 'run' };
    case 'approved':
      return { ...s, pending: null, plan: e.plan };
    case 'refused':
      return { ...s, pending: null, actionError: e.message };
    case 'revert':
      return dialogReducer({ ...s, runId: null, plan: null, typed: '', reason: '' }, { type: 'plan_requested', request: e.request });
  }
}
