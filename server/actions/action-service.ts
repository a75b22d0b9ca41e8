// Guarded actions: plan → preflight (live) → confirm → run → verify → record. It emits typed
// events (`action:progress`, `action:finished`) and knows nothing of HTTP or sockets.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ZodError } from 'zod';
import type {
  ActionExecuteBody,
  ActionPlan,
  ActionPlanRequest,
  ActionProgress,
  ActionRun,
  ApiErrorCode,
  PreflightCheck,
  Topology,
} from '../../lib/contracts';
import { ACTION_META, actionCatalog } from '../../lib/actions/catalog';
import { hasRole, type Identity } from '../auth/identity';
import { AuditLog } from '../audit/audit-log';
import type { Config, NodeCredentials } from '../config';
import type { IncidentService } from '../incidents/incident-service';
import type { Db } from '../store/database';
import { ActionLock } from './action-lock';
import { ActionStore } from './action-store';
import { buildPlan, parseParams } from './builders';
import { check } from './checks';
import { LiveRedis } from './live-redis';
import { RunRecorder } from './run-recorder';
import { runPlan } from './runner';
import type { ActionTimeouts, BuildContext, BuiltPlan } from './types';

export class ActionError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ActionServiceDeps {
  db: Db;
  config: Config;
  monitor: { snapshot(): { topology: Topology }; canonical(id: string): string };
  credentialsFor(id: string): NodeCredentials;
  incidents?: Pick<IncidentService, 'addEntry' | 'findings'>;
  timeouts?: Partial<ActionTimeouts>;
  planTtlMs?: number;
  /** How old a foreign lock's heartbeat may be before it counts as abandoned. */
  staleLockMs?: number;
}

export interface ActionEvents {
  'action:progress': [ActionProgress];
  'action:finished': [ActionRun];
}

const newId = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
const stepsText = (steps: Array<{ nodeId: string; command: string }>) =>
  steps.map((s) => `${s.nodeId} ${s.command}`).join('\n');

export class ActionService extends EventEmitter<ActionEvents> {
  readonly audit: AuditLog;
  private readonly store: ActionStore;
  private readonly lock: ActionLock;
  private readonly recorder: RunRecorder;
  private readonly timeouts: ActionTimeouts;
  private readonly active = new Set<Promise<void>>();

  constructor(private readonly deps: ActionServiceDeps) {
    super();
    const poll = deps.config.poll;
    this.timeouts = {
      connectMs: poll.connectTimeoutMs,
      commandMs: Math.max(poll.commandTimeoutMs, 5000),
      syncMs: 120_000,
      convergeMs: 15_000,
      failoverMs: 10_000,
      pollMs: 200,
      ...deps.timeouts,
    };
    this.audit = new AuditLog(deps.db);
    this.store = new ActionStore(deps.db);
    this.lock = new ActionLock(
      deps.db,
      this.topologyName,
      randomBytes(8).toString('hex'),
      deps.staleLockMs ?? 15_000,
    );
    this.recorder = new RunRecorder(this.audit, deps.incidents);
    this.recoverInterrupted();
  }

  private get topologyName(): string {
    return this.deps.config.topology.name;
  }

  get readOnly(): boolean {
    return this.deps.config.readOnly;
  }

  catalog() {
    return {
      actions: actionCatalog(this.deps.config.auth?.approval ?? []),
      readOnly: this.readOnly,
    };
  }

  /** Runs left `running` by a server that died: mark them interrupted, then free their lock. */
  recoverInterrupted(): void {
    const stale = this.lock.staleRow();
    const live = this.lock.holder();
    for (const run of this.store.orphanedRuns(this.topologyName, this.lock.bootId)) {
      if (live?.run_id === run.id) continue;
      for (const s of run.steps) {
        if (s.state === 'running')
          Object.assign(s, {
            state: 'failed',
            error: 'interrupted: the server stopped during this step',
          });
        else if (s.state === 'pending') s.state = 'skipped';
      }
      Object.assign(run, {
        state: 'interrupted',
        endedAt: Date.now(),
        error:
          'The ReplicaOps server stopped while this action ran. Check the nodes it touched before acting again.',
      });
      this.store.updateRun(run);
      this.recorder.interrupted(run);
    }
    if (stale) this.lock.clearStale(stale);
  }

  private buildContext(live: LiveRedis): BuildContext {
    return {
      live,
      topology: this.deps.monitor.snapshot().topology,
      canonical: (id) => this.deps.monitor.canonical(id),
      credentialsFor: (id) => this.deps.credentialsFor(id),
      thresholds: this.deps.config.thresholds,
      timeouts: this.timeouts,
      findRun: (id) => this.store.run(id),
    };
  }

  private live(): LiveRedis {
    return new LiveRedis({
      credentialsFor: this.deps.credentialsFor,
      canonical: this.deps.monitor.canonical,
      connectTimeoutMs: this.timeouts.connectMs,
      commandTimeoutMs: this.timeouts.commandMs,
    });
  }

  private async build(
    action: ActionPlan['action'],
    target: string,
    params: Record<string, unknown>,
    live: LiveRedis,
  ): Promise<BuiltPlan> {
    return buildPlan(this.buildContext(live), action, target, params);
  }

  private lockCheck(): PreflightCheck {
    const h = this.lock.holder();
    if (!h)
      return check(
        'no_other_action',
        true,
        `no other action is running on topology "${this.topologyName}"`,
        '该拓扑上没有其他操作在运行',
      );
    const run = this.store.run(h.run_id);
    return check(
      'no_other_action',
      false,
      `run ${h.run_id} (${run?.action ?? '?'} on ${run?.target ?? '?'} by ${run?.actor ?? '?'}) is running on topology "${this.topologyName}": one action at a time`,
      `运行 ${h.run_id} 正在该拓扑上执行：同一时间只能执行一个操作`,
    );
  }

  private incidentOf(findingId: string): string | undefined {
    const f = this.deps.incidents?.findings('all', 10_000).find((x) => x.id === findingId);
    if (!f) throw new ActionError('bad_request', `findingId: no finding ${findingId}`);
    return f.incidentId;
  }

  async plan(req: ActionPlanRequest, who: Identity): Promise<ActionPlan> {
    this.recoverInterrupted();
    const target = this.deps.monitor.canonical(req.target);
    let params: Record<string, unknown>;
    try {
      params = parseParams(req.action, req.params);
    } catch (err) {
      const issue = err instanceof ZodError ? err.issues[0] : undefined;
      throw new ActionError(
        'bad_request',
        `params${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const incidentId = req.findingId ? this.incidentOf(req.findingId) : undefined;
    const live = this.live();
    let built: BuiltPlan;
    try {
      built = await this.build(req.action, target, params, live);
    } finally {
      live.close();
    }
    const preflight = [...built.preflight, this.lockCheck()];
    const destructive = ACTION_META[req.action].destructive || built.destructive;
    const warnings = [...built.warnings];
    if (this.readOnly)
      warnings.unshift({
        en: 'Read-only mode: this plan can be reviewed but not executed.',
        zh: '只读模式：此计划只能查看，不能执行。',
      });
    const now = Date.now();
    const plan: ActionPlan = {
      id: newId('plan'),
      action: req.action,
      target,
      params,
      steps: built.steps.map((s) => ({ nodeId: s.nodeId, command: s.command, why: s.why })),
      preflight,
      allowed: built.steps.length > 0 && preflight.every((c) => c.ok),
      destructive,
      confirmation: {
        role: destructive ? 'admin' : 'operator',
        ...(destructive ? { typed: target } : {}),
        reasonRequired: destructive,
        approvalRequired: (this.deps.config.auth?.approval ?? []).includes(req.action),
      },
      warnings,
      createdAt: now,
      createdBy: who.username,
      expiresAt: now + (this.deps.planTtlMs ?? 10 * 60_000),
      ...(req.findingId ? { findingId: req.findingId } : {}),
      ...(incidentId ? { incidentId } : {}),
    };
    this.store.savePlan(plan);
    return plan;
  }

  getPlan(id: string): ActionPlan | null {
    return this.store.plan(id);
  }

  /** Two-person rule: a second admin, not the planner, approves before execute works. */
  approve(planId: string, who: Identity): ActionPlan {
    const plan = this.store.plan(planId);
    if (!plan) throw new ActionError('not_found', `plan ${planId} does not exist`);
    if (!plan.confirmation.approvalRequired)
      throw new ActionError(
        'conflict',
        `${plan.action} needs no approval (auth.approval does not list it)`,
      );
    if (plan.createdBy === who.username)
      throw new ActionError(
        'forbidden',
        'the approver must be a different admin than the one who made the plan',
      );
    if (plan.expiresAt < Date.now())
      throw new ActionError('conflict', 'the plan expired: plan again');
    this.store.approve(planId, who.username, Date.now());
    this.recorder.approved(plan, who);
    return this.store.plan(planId) as ActionPlan;
  }

  private refuse(
    plan: ActionPlan,
    who: Identity,
    code: ApiErrorCode,
    why: string,
    reason?: string,
  ): never {
    this.recorder.refused(plan, who, why, reason);
    throw new ActionError(code, why);
  }

  /** Checks every guard, takes the lock, re-runs preflight live, then starts the run. */
  async execute(
    planId: string,
    body: ActionExecuteBody,
    who: Identity,
  ): Promise<{ runId: string }> {
    if (this.readOnly)
      throw new ActionError(
        'forbidden',
        'ReplicaOps runs in read-only mode (readOnly in the config or REPLICAOPS_READ_ONLY=1): plans can be reviewed, nothing can be executed',
      );
    const plan = this.store.plan(planId);
    if (!plan) throw new ActionError('not_found', `plan ${planId} does not exist`);
    if (plan.usedByRun)
      throw new ActionError('conflict', `this plan already ran as ${plan.usedByRun}: plan again`);
    if (!hasRole(who, plan.confirmation.role))
      this.refuse(
        plan,
        who,
        'forbidden',
        `${plan.action}${plan.destructive ? ' (destructive)' : ''} needs the ${plan.confirmation.role} role; you are ${who.role}`,
      );
    if (plan.expiresAt < Date.now())
      throw new ActionError('conflict', 'the plan expired: plan again so the checks are fresh');
    if (!plan.allowed)
      this.refuse(
        plan,
        who,
        'conflict',
        `preflight failed: ${plan.preflight
          .filter((c) => !c.ok)
          .map((c) => c.detail)
          .join('; ')}`,
      );
    const reason = body.reason?.trim() || undefined;
    if (plan.confirmation.typed !== undefined && body.confirm?.trim() !== plan.confirmation.typed)
      this.refuse(
        plan,
        who,
        'bad_request',
        `confirmation does not match: type the node id ${plan.confirmation.typed} to confirm`,
        reason,
      );
    if (plan.confirmation.reasonRequired && !reason)
      this.refuse(plan, who, 'bad_request', 'a reason is required for a destructive action');
    if (plan.confirmation.approvalRequired) {
      if (!plan.approvedBy)
        this.refuse(
          plan,
          who,
          'forbidden',
          `${plan.action} needs a second admin's approval first (POST /api/actions/plans/${plan.id}/approve)`,
          reason,
        );
      if (plan.approvedBy === who.username)
        this.refuse(
          plan,
          who,
          'forbidden',
          'the approver cannot also run the action: two different admins are required',
          reason,
        );
    }
    this.recoverInterrupted();
    const runId = newId('run');
    const got = this.lock.acquire(runId);
    if (!got.ok)
      this.refuse(
        plan,
        who,
        'conflict',
        `another action (run ${got.holder.run_id}) is running on topology "${this.topologyName}": one action at a time`,
        reason,
      );
    const live = this.live();
    let built: BuiltPlan;
    try {
      built = await this.build(plan.action, plan.target, plan.params, live);
      const failed = built.preflight.filter((c) => !c.ok);
      if (failed.length)
        this.refuse(
          plan,
          who,
          'conflict',
          `preflight failed right before running: ${failed.map((c) => c.detail).join('; ')}`,
          reason,
        );
      if (stepsText(built.steps) !== stepsText(plan.steps))
        this.refuse(
          plan,
          who,
          'conflict',
          'the topology changed since this plan was made and the commands would differ now: plan again',
          reason,
        );
      if (!this.store.claim(plan.id, runId))
        throw new ActionError('conflict', 'this plan is already running');
    } catch (err) {
      live.close();
      this.lock.release(runId);
      throw err;
    }
    const run: ActionRun = {
      id: runId,
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
    this.store.insertRun(run, this.topologyName, this.lock.bootId);
    this.recorder.started(run, plan); // on disk before the first command
    this.launch(run, built, live);
    return { runId };
  }

  private launch(run: ActionRun, built: BuiltPlan, live: LiveRedis): void {
    const beat = setInterval(
      () => this.lock.heartbeat(run.id),
      Math.max(500, Math.floor((this.deps.staleLockMs ?? 15_000) / 5)),
    );
    beat.unref();
    const progress = (p: Omit<ActionProgress, 'runId' | 'action' | 'target' | 'at'>) =>
      this.emit('action:progress', {
        runId: run.id,
        action: run.action,
        target: run.target,
        at: Date.now(),
        ...p,
      });
    const ctx = { live, timeouts: this.timeouts, progress };
    const done = runPlan(built, run, ctx, {
      save: (r) => this.store.updateRun(r),
      stepChanged: (r, i) => {
        const s = r.steps[i];
        if (s)
          progress({
            phase: 'step',
            stepIndex: i,
            stepState: s.state,
            message: {
              en: `${s.nodeId}: ${s.command} — ${s.state}${s.error ? `: ${s.error}` : ''}`,
              zh: `${s.nodeId}：${s.command} — ${s.state}`,
            },
          });
      },
    })
      .catch((err: unknown) =>
        Object.assign(run, {
          state: 'failed',
          endedAt: Date.now(),
          error: `internal error: ${(err as Error).message}`,
        }),
      )
      .then((final) => {
        this.store.updateRun(final);
        this.recorder.finished(final);
        this.emit('action:finished', final);
      })
      .finally(() => {
        clearInterval(beat);
        this.lock.release(run.id);
        live.close();
        this.active.delete(done);
      });
    this.active.add(done);
  }

  run(id: string): ActionRun | null {
    return this.store.run(id);
  }

  runs(limit: number): ActionRun[] {
    return this.store.runs(limit);
  }

  /** Lets a run in flight finish (bounded); one cut off is marked interrupted at the next start. */
  async stop(timeoutMs = 10_000): Promise<void> {
    await Promise.race([
      Promise.allSettled([...this.active]),
      new Promise((r) => setTimeout(r, timeoutMs).unref()),
    ]);
  }
}
