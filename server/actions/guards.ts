// The confirmation rules, checked before anything touches Redis: role, a fresh and allowed
// plan, the typed node id and a reason for destructive plans, and the two-person rule.
import type { ActionExecuteBody, ActionPlan, ApiErrorCode } from '../../lib/contracts';
import { hasRole, type Identity } from '../auth/identity';
import type { BuiltPlan } from './types';

export interface Refusal {
  code: ApiErrorCode;
  why: string;
}

// Token identities are `token:<name>`; user names cannot contain a colon (config schema).
const TOKEN_PREFIX = 'token:';
const NOT_A_PERSON =
  'an API token does not identify a person, so it cannot count as one of the two';

export function confirmationProblem(
  plan: ActionPlan,
  body: ActionExecuteBody,
  who: Identity,
  now = Date.now(),
): Refusal | null {
  const c = plan.confirmation;
  if (!hasRole(who, c.role))
    return {
      code: 'forbidden',
      why: `${plan.action}${plan.destructive ? ' (destructive)' : ''} needs the ${c.role} role; you are ${who.role}`,
    };
  if (plan.expiresAt < now)
    return { code: 'conflict', why: 'the plan expired: plan again so the checks are fresh' };
  if (!plan.allowed) {
    const failed = plan.preflight.filter((x) => !x.ok).map((x) => x.detail);
    return { code: 'conflict', why: `preflight failed: ${failed.join('; ')}` };
  }
  if (c.typed !== undefined && body.confirm?.trim() !== c.typed)
    return {
      code: 'bad_request',
      why: `confirmation does not match: type the node id ${c.typed} to confirm`,
    };
  if (c.reasonRequired && !body.reason?.trim())
    return { code: 'bad_request', why: 'a reason is required for a destructive action' };
  if (c.approvalRequired && !plan.approvedBy)
    return {
      code: 'forbidden',
      why: `${plan.action} needs a second admin's approval first (POST /api/actions/plans/${plan.id}/approve)`,
    };
  if (c.approvalRequired && who.via !== 'session')
    return { code: 'forbidden', why: `${plan.action} needs two people: ${NOT_A_PERSON}` };
  if (c.approvalRequired && plan.approvedBy === who.username)
    return {
      code: 'forbidden',
      why: 'the approver cannot also run the action: two different admins are required',
    };
  return null;
}

/** The second admin: a logged-in person other than the planner; only for auth.approval actions. */
export function approvalProblem(plan: ActionPlan, who: Identity, now = Date.now()): Refusal | null {
  if (!plan.confirmation.approvalRequired)
    return {
      code: 'conflict',
      why: `${plan.action} needs no approval (auth.approval does not list it)`,
    };
  // Tokens are not people: one admin holding a token would otherwise be their own second.
  if (who.via !== 'session')
    return { code: 'forbidden', why: `approving needs a login session: ${NOT_A_PERSON}` };
  if (plan.createdBy.startsWith(TOKEN_PREFIX))
    return {
      code: 'forbidden',
      why: `the plan was made with an API token: ${NOT_A_PERSON}; plan it again while logged in`,
    };
  if (plan.createdBy === who.username)
    return {
      code: 'forbidden',
      why: 'the approver must be a different admin than the one who made the plan',
    };
  if (plan.expiresAt < now) return { code: 'conflict', why: 'the plan expired: plan again' };
  return null;
}

const stepsText = (steps: Array<{ nodeId: string; command: string }>) =>
  steps.map((s) => `${s.nodeId} ${s.command}`).join('\n');

/** Right before running: the live preflight still passes and would send exactly what was confirmed. */
export function livePlanProblem(plan: ActionPlan, rebuilt: BuiltPlan): Refusal | null {
  const failed = rebuilt.preflight.filter((c) => !c.ok).map((c) => c.detail);
  if (failed.length)
    return { code: 'conflict', why: `preflight failed right before running: ${failed.join('; ')}` };
  if (rebuilt.destructive && !plan.destructive)
    return {
      code: 'conflict',
      why: 'the live state changed since this plan was made and it would now be destructive: plan again',
    };
  if (stepsText(rebuilt.steps) !== stepsText(plan.steps))
    return {
      code: 'conflict',
      why: 'the topology changed since this plan was made and the commands would differ now: plan again',
    };
  return null;
}

export const READ_ONLY_MESSAGE =
  'ReplicaOps runs in read-only mode (readOnly in the config or REPLICAOPS_READ_ONLY=1): plans can be reviewed, nothing can be executed';
