// The public shapes built from an internal plan: the plan the user confirms (confirmation rules
// escalate with destructiveness) and the run record that starts from it.
import type { ActionPlan, ActionPlanRequest, ActionRun, PreflightCheck } from '../../lib/contracts';
import { ACTION_META } from '../../lib/actions/catalog';
import type { Identity } from '../auth/identity';
import type { BuiltPlan } from './types';

export interface PlanShapeInput {
  id: string;
  req: ActionPlanRequest;
  target: string;
  params: Record<string, unknown>;
  built: BuiltPlan;
  extraChecks: PreflightCheck[];
  who: Identity;
  approval: readonly string[];
  readOnly: boolean;
  ttlMs: number;
  incidentId?: string;
}

export function assemblePlan(i: PlanShapeInput, now = Date.now()): ActionPlan {
  const preflight = [...i.built.preflight, ...i.extraChecks];
  const destructive = ACTION_META[i.req.action].destructive || i.built.destructive;
  const readOnlyNote = {
    en: 'Read-only mode: this plan can be reviewed but not executed.',
    zh: '只读模式：此计划只能查看，不能执行。',
  };
  return {
    id: i.id,
    action: i.req.action,
    target: i.target,
    params: i.params,
    steps: i.built.steps.map((s) => ({ nodeId: s.nodeId, command: s.command, why: s.why })),
    preflight,
    allowed: i.built.steps.length > 0 && preflight.every((c) => c.ok),
    destructive,
    confirmation: {
      role: destructive ? 'admin' : 'operator',
      ...(destructive ? { typed: i.target } : {}),
      reasonRequired: destructive,
      approvalRequired: i.approval.includes(i.req.action),
    },
    warnings: i.readOnly ? [readOnlyNote, ...i.built.warnings] : i.built.warnings,
    ...(i.built.effects?.length ? { effects: i.built.effects } : {}),
    createdAt: now,
    createdBy: i.who.username,
    expiresAt: now + i.ttlMs,
    ...(i.req.findingId ? { findingId: i.req.findingId } : {}),
    ...(i.incidentId ? { incidentId: i.incidentId } : {}),
  };
}

export function newRun(
  id: string,
  plan: ActionPlan,
  built: BuiltPlan,
  who: Identity,
  reason: string | undefined,
): ActionRun {
  return {
    id,
    planId: plan.id,
    action: plan.action,
    target: plan.target,
    params: plan.params,
    state: 'running',
    actor: who.username,
    role: who.role,
    ...(reason ? { reason } : {}),
    ...(plan.approvedBy ? { approvedBy: plan.approvedBy } : {}),
    startedAt: Date.now(),
    steps: built.steps.map((s, index) => ({
      index,
      nodeId: s.nodeId,
      command: s.command,
      why: s.why,
      state: 'pending',
    })),
    verify: [],
    nodeStates: [],
    ...(plan.findingId ? { findingId: plan.findingId } : {}),
    ...(plan.incidentId ? { incidentId: plan.incidentId } : {}),
  };
}
