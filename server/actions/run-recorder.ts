// Everything that leaves a trace of an action: the hash-chained audit (written before the first
// command and completed after) and, when the action came from a finding, its incident timeline.
import type { ActionPlan, ActionPlanRequest, ActionRun } from '../../lib/contracts';
import type { Identity } from '../auth/identity';
import type { AuditLog } from '../audit/audit-log';
import type { IncidentService } from '../incidents/incident-service';
import { logger } from '../logger';

const log = logger('actions');

function publicPlan(p: ActionPlan) {
  return {
    steps: p.steps,
    preflight: p.preflight,
    warnings: p.warnings,
    confirmation: p.confirmation,
    params: p.params,
    createdBy: p.createdBy,
    approvedBy: p.approvedBy,
  };
}

export class RunRecorder {
  constructor(
    private readonly audit: AuditLog,
    private readonly incidents?: Pick<IncidentService, 'addEntry'>,
  ) {}

  started(run: ActionRun, plan: ActionPlan): void {
    this.audit.append({
      kind: 'run.started',
      actor: run.actor,
      role: run.role,
      action: run.action,
      target: run.target,
      runId: run.id,
      planId: plan.id,
      reason: run.reason ?? null,
      at: run.startedAt,
      data: {
        plan: publicPlan(plan),
        commands: run.steps.map((s) => ({ nodeId: s.nodeId, command: s.command })),
      },
    });
    this.timeline(
      run,
      `Action started: ${run.action} on ${run.target}`,
      `开始操作：${run.action}（${run.target}）`,
    );
    log.info(
      { run: run.id, action: run.action, target: run.target, actor: run.actor },
      'action started',
    );
  }

  finished(run: ActionRun): void {
    this.audit.append({
      kind: 'run.finished',
      actor: run.actor,
      role: run.role,
      action: run.action,
      target: run.target,
      runId: run.id,
      planId: run.planId,
      reason: run.reason ?? null,
      at: run.endedAt ?? Date.now(),
      data: {
        state: run.state,
        commands: run.steps.map((s) => ({
          nodeId: s.nodeId,
          command: s.command,
          state: s.state,
          result: s.result,
          error: s.error,
        })),
        verify: run.verify,
        nodeStates: run.nodeStates,
        error: run.error,
        durationMs: (run.endedAt ?? Date.now()) - run.startedAt,
      },
    });
    this.timeline(
      run,
      `Action ${run.state}: ${run.action} on ${run.target}`,
      `操作${ZH_STATE[run.state]}：${run.action}（${run.target}）`,
    );
    log.info({ run: run.id, state: run.state, error: run.error }, 'action finished');
  }

  interrupted(run: ActionRun): void {
    this.audit.append({
      kind: 'run.interrupted',
      actor: 'system',
      role: 'system',
      action: run.action,
      target: run.target,
      runId: run.id,
      planId: run.planId,
      data: {
        startedBy: run.actor,
        steps: run.steps.map((s) => ({ nodeId: s.nodeId, command: s.command, state: s.state })),
        error: run.error,
      },
    });
    this.timeline(
      run,
      `Action interrupted (server stopped): ${run.action} on ${run.target}`,
      `操作被中断（服务器停止）：${run.action}（${run.target}）`,
      'system',
    );
    log.warn({ run: run.id, action: run.action }, 'action marked interrupted after a restart');
  }

  refused(plan: ActionPlan, who: Identity, why: string, reason?: string): void {
    this.audit.append({
      kind: 'run.refused',
      actor: who.username,
      role: who.role,
      action: plan.action,
      target: plan.target,
      planId: plan.id,
      reason: reason ?? null,
      data: { why },
    });
  }

  /** Every plan is recorded: who asked what of which node, and what the live checks said. */
  planned(plan: ActionPlan, who: Identity): void {
    this.audit.append({
      kind: 'plan.created',
      actor: who.username,
      role: who.role,
      action: plan.action,
      target: plan.target,
      planId: plan.id,
      data: {
        allowed: plan.allowed,
        destructive: plan.destructive,
        params: plan.params,
        failed: plan.preflight.filter((c) => !c.ok).map((c) => c.check),
        effects: (plan.effects ?? []).map((e) => ({
          setting: e.setting,
          code: e.code,
          level: e.level,
        })),
      },
    });
    log.info(
      {
        plan: plan.id,
        action: plan.action,
        target: plan.target,
        actor: who.username,
        allowed: plan.allowed,
      },
      'plan created',
    );
  }

  /** A plan refused before any node was contacted (role, perimeter, params): recorded too. */
  planRefused(req: ActionPlanRequest, who: Identity, code: string, why: string): void {
    this.audit.append({
      kind: 'plan.created',
      actor: who.username,
      role: who.role,
      action: req.action,
      target: req.target,
      data: { refused: { code, why }, params: req.params },
    });
    log.warn({ actor: who.username, action: req.action, target: req.target, code }, 'plan refused');
  }

  approved(plan: ActionPlan, who: Identity): void {
    this.audit.append({
      kind: 'plan.approved',
      actor: who.username,
      role: who.role,
      action: plan.action,
      target: plan.target,
      planId: plan.id,
      data: { plannedBy: plan.createdBy },
    });
  }

  private timeline(run: ActionRun, summary: string, summaryZh: string, actor = run.actor): void {
    if (!run.incidentId || !this.incidents) return;
    try {
      this.incidents.addEntry({
        incidentId: run.incidentId,
        at: Date.now(),
        type: 'action',
        actor,
        summary,
        summaryZh,
        data: {
          runId: run.id,
          action: run.action,
          target: run.target,
          state: run.state,
          error: run.error,
        },
      });
    } catch (err) {
      // The incident may have been deleted; the audit entry is the record that matters.
      log.warn({ err, run: run.id }, 'could not add the action to its incident timeline');
    }
  }
}

const ZH_STATE: Record<ActionRun['state'], string> = {
  running: '进行中',
  succeeded: '成功',
  failed: '失败',
  rolled_back: '已回滚',
  interrupted: '被中断',
};
