// What still stands between the user and "Execute": the same rules the server enforces
// (server/actions/guards.ts), checked in the browser so the dialog can say what is missing
// before a refused request is written to the audit trail.
import type { ActionPlan } from '@/lib/contracts';
import type { Me, UserRole } from '@/components/hooks/auth-api';

export type ExecuteBlocker =
  | { kind: 'loading' }
  | { kind: 'read_only' }
  | { kind: 'role'; needed: UserRole; have: UserRole | null }
  | { kind: 'preflight' }
  | { kind: 'expired' }
  | { kind: 'approval_pending' }
  | { kind: 'approver_cannot_run'; approver: string }
  | { kind: 'typed_mismatch'; expected: string }
  | { kind: 'reason_missing' };

export interface ConfirmInput {
  typed: string;
  reason: string;
}

const RANK: Record<UserRole, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(have: UserRole | null | undefined, needed: UserRole): boolean {
  return have !== null && have !== undefined && RANK[have] >= RANK[needed];
}

/** In the order the user should fix them; empty means the execute button may be pressed. */
export function executeBlockers(
  plan: ActionPlan,
  me: Me | null,
  input: ConfirmInput,
  now: number,
): ExecuteBlocker[] {
  if (!me) return [{ kind: 'loading' }];
  if (me.readOnly) return [{ kind: 'read_only' }];
  const c = plan.confirmation;
  const role = me.user?.role ?? null;
  if (!hasRole(role, c.role)) return [{ kind: 'role', needed: c.role, have: role }];
  const out: ExecuteBlocker[] = [];
  if (!plan.allowed) out.push({ kind: 'preflight' });
  if (now > 0 && plan.expiresAt < now) out.push({ kind: 'expired' });
  if (c.approvalRequired && !plan.approvedBy) out.push({ kind: 'approval_pending' });
  if (c.approvalRequired && plan.approvedBy && plan.approvedBy === me.user?.username)
    out.push({ kind: 'approver_cannot_run', approver: plan.approvedBy });
  if (c.typed !== undefined && input.typed.trim() !== c.typed)
    out.push({ kind: 'typed_mismatch', expected: c.typed });
  if (c.reasonRequired && !input.reason.trim()) out.push({ kind: 'reason_missing' });
  return out;
}

/** Read-only mode, too small a role and being the approver hide the button: no input helps. */
export function hidesExecute(blockers: readonly ExecuteBlocker[]): boolean {
  return blockers.some(
    (b) => b.kind === 'read_only' || b.kind === 'role' || b.kind === 'approver_cannot_run',
  );
}

/** A second admin (not the planner) may approve a plan that waits for approval. */
export function canApprove(plan: ActionPlan, me: Me | null, now: number): boolean {
  return (
    !!me &&
    !me.readOnly &&
    plan.confirmation.approvalRequired &&
    !plan.approvedBy &&
    me.user?.role === 'admin' &&
    me.user.username !== plan.createdBy &&
    !(now > 0 && plan.expiresAt < now)
  );
}
