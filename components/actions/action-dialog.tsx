'use client';
// The guarded repair flow in one modal: parameters → plan (exact commands, live preflight,
// warnings) → confirmation → live run → verified result → audit entry. Everything the server
// decides is shown as the server said it; the browser only mirrors its confirmation rules.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ActionPlanRequest, ActionRun, Finding } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useMe } from '@/components/hooks/use-me';
import { useNow } from '@/components/hooks/use-now';
import { useFindings } from '@/components/hooks/use-findings';
import { useActionCatalog } from '@/components/hooks/use-action-catalog';
import { ApiRequestError, errorMessage } from '@/components/hooks/api-client';
import { approvePlan, executePlan, fetchPlan, planAction } from '@/components/hooks/actions-api';
import { pick } from './action-text';
import { executeBlockers } from './confirmation';
import { DialogTitleBar } from './dialog-parts';
import { ParamsStage, PlanStage, RunStage } from './dialog-stages';
import {
  dialogReducer,
  initialDialogState,
  type DialogEvent,
  type DialogState,
} from './dialog-state';
import { ACTIONS_WITH_FORM } from './params';

export interface ActionDialogProps {
  /** Start from a request (a finding's Fix, the node menu)… */
  request?: ActionPlanRequest;
  /** …or from an existing plan (a second admin's approval link). */
  planId?: string;
  /** The finding whose Fix opened the dialog (else looked up by the plan's findingId). */
  finding?: Finding;
  /** Show the parameter form before the first plan. */
  editParams?: boolean;
  onClose(): void;
}

const APPROVAL_POLL_MS = 3000;

/** Plans (or loads a plan) into the dialog; an answer overtaken by a newer request is dropped. */
function usePlanLoader(dispatch: (e: DialogEvent) => void) {
  const seq = useRef(0);
  return useCallback(
    (what: { req: ActionPlanRequest } | { planId: string }) => {
      const mine = ++seq.current;
      ('req' in what ? planAction(what.req) : fetchPlan(what.planId))
        .then((p) => {
          if (mine === seq.current) dispatch({ type: 'plan_loaded', plan: p });
        })
        .catch((err: unknown) => {
          if (mine === seq.current) dispatch({ type: 'plan_failed', message: errorMessage(err) });
        });
    },
    [dispatch],
  );
}

/** The planner's dialog notices the second admin's approval without a reload. */
function useApprovalPoll(planId: string | undefined, dispatch: (e: DialogEvent) => void) {
  useEffect(() => {
    if (!planId) return;
    const ac = new AbortController();
    const timer = setInterval(() => {
      fetchPlan(planId, ac.signal)
        .then((p) => {
          if (p.approvedBy) dispatch({ type: 'plan_refreshed', plan: p });
        })
        .catch(() => undefined); // transient: the next tick retries
    }, APPROVAL_POLL_MS);
    return () => {
      ac.abort();
      clearInterval(timer);
    };
  }, [planId, dispatch]);
}

/** What the operator can ask of the plan: plan again, execute, approve, revert a finished run. */
function useCommands(
  { plan, typed, reason }: DialogState,
  dispatch: (e: DialogEvent) => void,
  load: (what: { req: ActionPlanRequest }) => void,
) {
  const { t } = useT();
  const replan = (req: ActionPlanRequest) => {
    dispatch({ type: 'plan_requested', request: req });
    load({ req });
  };

  const execute = async () => {
    if (!plan) return;
    dispatch({ type: 'pending', what: 'execute' });
    try {
      const body = {
        ...(typed.trim() ? { confirm: typed.trim() } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      };
      const res = await executePlan(plan.id, body);
      dispatch({ type: 'run_started', runId: res.runId });
    } catch (err) {
      const status = err instanceof ApiRequestError ? err.status : 0;
      const key = status === 409 ? 'actions.refusedConflict' : 'actions.refused';
      dispatch({ type: 'refused', message: t(key, { message: errorMessage(err) }) });
    }
  };

  const approve = async () => {
    if (!plan) return;
    dispatch({ type: 'pending', what: 'approve' });
    try {
      dispatch({ type: 'approved', plan: await approvePlan(plan.id) });
    } catch (err) {
      dispatch({ type: 'refused', message: t('actions.refused', { message: errorMessage(err) }) });
    }
  };

  const revert = (run: ActionRun) => {
    const req: ActionPlanRequest = {
      action: 'config.revert',
      target: run.target,
      params: { runId: run.id },
    };
    dispatch({ type: 'revert', request: req });
    load({ req });
  };
  return { replan, execute, approve, revert };
}

/** Shows the dialog as a modal while it is mounted. */
function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return ref;
}

/** The dialog's state: the reducer, the first plan (or plan load), the approval poll. */
function useDialogState(props: ActionDialogProps) {
  // The dialog is mounted per opening: the props it starts from are read once.
  const [start] = useState(() => ({
    planId: props.planId,
    request: props.request,
    editParams: !!props.editParams && !props.planId,
  }));
  const [state, dispatch] = useReducer(dialogReducer, start, initialDialogState);
  const load = usePlanLoader(dispatch);
  useEffect(() => {
    if (start.planId) load({ planId: start.planId });
    else if (start.request && !start.editParams) load({ req: start.request });
  }, [load, start]);
  const { stage, plan } = state;
  const waitsForApproval =
    stage === 'plan' && !!plan && plan.confirmation.approvalRequired && !plan.approvedBy;
  useApprovalPoll(waitsForApproval ? plan?.id : undefined, dispatch);
  return { state, dispatch, commands: useCommands(state, dispatch, load) };
}

export function ActionDialog(props: ActionDialogProps) {
  const { t, locale } = useT();
  const { me } = useMe();
  const now = useNow();
  const { catalog } = useActionCatalog();
  const { open: openFindings } = useFindings();
  const ref = useModal();
  const { state, dispatch, commands } = useDialogState(props);
  const { replan, execute, approve, revert } = commands;
  const { stage, request, plan, typed, reason, runId } = state;

  const action = plan?.action ?? request?.action;
  const target = plan?.target ?? request?.target;
  const entry = catalog?.actions.find((a) => a.id === action);
  const findingId = plan?.findingId ?? request?.findingId;
  const finding = props.finding ?? (findingId ? openFindings[findingId] : undefined);
  const hasForm = !!action && ACTIONS_WITH_FORM.has(action);

  return (
    <dialog
      ref={ref}
      data-testid="action-dialog"
      data-action={action}
      data-target={target}
      data-stage={stage}
      aria-labelledby="action-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
      className="m-auto w-full max-w-3xl rounded-lg border border-border bg-surface p-0 text-fg shadow-2xl backdrop:bg-black/50"
    >
      <div className="flex max-h-[90vh] flex-col">
        <DialogTitleBar
          title={entry ? pick(entry.title, locale) : (action ?? t('actions.title'))}
          target={target}
          isDestructive={plan?.destructive ?? entry?.destructive ?? false}
          onClose={props.onClose}
        />

        <div className="flex flex-col gap-4 overflow-y-auto px-5 py-4">
          {stage === 'params' && action && target && (
            <ParamsStage
              action={action}
              target={target}
              entry={entry}
              request={request}
              onCancel={plan ? () => dispatch({ type: 'stage', stage: 'plan' }) : props.onClose}
              onPlan={replan}
            />
          )}
          {stage === 'plan' && (
            <PlanStage
              state={state}
              dispatch={dispatch}
              me={me}
              now={now}
              entry={entry}
              finding={finding}
              blockers={plan ? executeBlockers(plan, me, { typed, reason }, now) : []}
              onEditParams={
                hasForm ? () => dispatch({ type: 'stage', stage: 'params' }) : undefined
              }
              onPlan={replan}
              onExecute={() => void execute()}
              onApprove={() => void approve()}
            />
          )}
          {stage === 'run' && runId && plan && (
            <RunStage runId={runId} plan={plan} finding={finding} onRevert={revert} />
          )}
        </div>
      </div>
    </dialog>
  );
}
