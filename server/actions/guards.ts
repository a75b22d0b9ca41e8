// The confirmation rules, checked before anything touches Redis: role, a fresh and allowed
// plan, the typed node id and a reason for destructive plans, and the two-person rule.
import type { ActionExecuteBody, ActionPlan, ApiErrorCode } from '../../lib/contracts';
import { hasRole, type Identity } from '../auth/identity';

export interface Refusal {
  code: ApiErrorCode;
  why: string;
}

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
  if (c.approvalRequired && plan.approvedBy === who.username)
    return {
      code: 'forbidden',
      why: 'the approver cannot also run the action: two different admins are required',
    };
  return null;
}
