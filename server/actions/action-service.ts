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
  PreflightCheck,
  Topology,
} from '../../lib/contracts';
import { actionCatalog } from '../../lib/actions/catalog';
import type { Identity } from '../auth/identity';
import { AuditLog } from '../audit/audit-log';
import type { Config, NodeCredentials } from '../config';
import type { IncidentService } from '../incidents/incident-service';
import type { Db } from '../store/database';
import { ActionError } from './action-error';
import { ActionLock } from './action-lock';
import { ActionStore } from './action-store';
import { buildPlan, parseParams } from './builders';
import { check } from './checks';
import {
  READ_ONLY_MESSAGE,
  approvalProblem,
  confirmationProblem,
  livePlanProblem,
  type Refusal,
} from './guards';
import { LiveRedis } from './live-redis';
import { markInterrupted } from './recovery';
import { assemblePlan, newRun } from './plan-shape';
import { launchRun } from './run-launcher';
import { RunRecorder } from './run-recorder';
import type { ActionTimeouts, BuiltPlan, SentinelGate } from './types';

export { ActionError } from './action-error';

export interface ActionServiceDeps {
  db: Db;
  config: Config;
  monitor: { snapshot(): { topology: Topology }; canonical(id: string): string };
  credentialsFor(id: string): NodeCredentials;
  incidents?: Pick<IncidentService, 'addEntry' | 'findings' | 'list'>;
  timeouts?: Partial<ActionTimeouts>;
  planTtlMs?: number;
  /** How old a foreign lock's heartbeat may be before it counts as abandoned. */
  staleLockMs?: number;
  /** Sentinel-managed groups: promote runs SENTINEL FAILOVER, re-attach follows Sentinel. */
  sentinel?: SentinelGate;
}

export interface ActionEvents {
  'action:progress': [ActionProgress];
  'action:finished': [ActionRun];
}

const newId = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;

export class ActionService extends EventEmitter<ActionEvents> {
  readonly audit: AuditLog;
  private readonly store: ActionStore;
  private readonly lock: ActionLock;
  private readonly recorder: RunRecorder;
  private readonly timeouts: ActionTimeouts;
  private readonly active = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly staleLockMs: number;

  constructor(private readonly deps: ActionServiceDeps) {
    super();
    const poll = deps.config.poll;
    this.timeouts = {
      connectMs: poll.connectTimeoutMs,
      // Redis answers REPLICAOF/FAILOVER at once, but CONFIG REWRITE writes a file.
      commandMs: Math.max(poll.commandTimeoutMs, 5000),
      syncMs: 120_000,
      handshakeMs: 15_000,
      convergeMs: 15_000,
      failoverMs: 10_000,
      pollMs: 200,
      ...deps.timeouts,
    };
    this.staleLockMs = deps.staleLockMs ?? 15_000;
    this.audit = new AuditLog(deps.db);
    this.store = new ActionStore(deps.db);
    this.lock = new ActionLock(
      deps.db,
      this.topologyName,
      randomBytes(8).toString('hex'),
      this.staleLockMs,
    );
    this.recorder = new RunRecorder(this.audit, deps.incidents);
    this.recover();
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

  /** Marks runs of a crashed server interrupted; runs at start and before each plan/run. */
  recover(): number {
    return markInterrupted(this.store, this.lock, this.recorder, this.topologyName);
  }

  private live(): LiveRedis {
    return new LiveRedis({
      credentialsFor: this.deps.credentialsFor,
      canonical: this.deps.monitor.canonical,
      connectTimeoutMs: this.timeouts.connectMs,
      commandTimeoutMs: this.timeouts.commandMs,
    });
  }

  private build(
    plan: Pick<ActionPlan, 'action' | 'target' | 'params'>,
    live: LiveRedis,
  ): Promise<BuiltPlan> {
    const ctx = {
      live,
      topology: this.deps.monitor.snapshot().topology,
      canonical: (id: string) => this.deps.monitor.canonical(id),
      credentialsFor: (id: string) => this.deps.credentialsFor(id),
      thresholds: this.deps.config.thresholds,
      timeouts: this.timeouts,
      findRun: (id: string) => this.store.run(id),
      sentinel: this.deps.sentinel,
    };
    return buildPlan(ctx, plan.action, plan.target, plan.params);
  }

  private lockCheck(): PreflightCheck {
    const h = this.lock.holder();
    const topo = `topology "${this.topologyName}"`;
    if (!h)
      return check(
        'no_other_action',
        true,
        `no other action is running on ${topo}`,
        '该拓扑上没有其他操作在运行',
      );
    const r = this.store.run(h.run_id);
    return check(
      'no_other_action',
      false,
      `run ${h.run_id} (${r?.action ?? '?'} on ${r?.target ?? '?'} by ${r?.actor ?? '?'}) is running on ${topo}: one action at a time`,
      `运行 ${h.run_id} 正在该拓扑上执行：同一时间只能执行一个操作`,
    );
  }

  /** A repair on a node an unresolved incident involves belongs on that incident's timeline too. */
  private unresolvedIncidentOn(target: string): string | undefined {
    const i = this.deps.incidents;
    if (!i) return undefined;
    const [newest] = [
      ...i.list({ state: 'open', node: target, limit: 1 }),
      ...i.list({ state: 'acknowledged', node: target, limit: 1 }),
    ].sort((a, b) => b.openedAt - a.openedAt);
    return newest?.id;
  }

  private incidentOf(findingId: string): string | undefined {
    const f = this.deps.incidents?.findings('all', 10_000).find((x) => x.id === findingId);
    if (!f) throw new ActionError('bad_request', `findingId: no finding ${findingId}`);
    return f.incidentId;
  }

  /** Builds the plan against the live nodes; a failed check makes it `allowed: false`. */
  async plan(req: ActionPlanRequest, who: Identity): Promise<ActionPlan> {
    this.recover();
    const target = this.deps.monitor.canonical(req.target);
    let params: Record<string, unknown>;
    try {
      params = parseParams(req.action, req.params);
    } catch (err) {
      const issue = err instanceof ZodError ? err.issues[0] : undefined;
      const where = issue?.path.length ? `.${issue.path.join('.')}` : '';
      throw new ActionError('bad_request', `params${where}: ${issue?.message ?? 'invalid'}`);
    }
    const incidentId = req.findingId
      ? this.incidentOf(req.findingId)
      : this.unresolvedIncidentOn(target);
    const live = this.live();
    const built = await this.build({ action: req.action, target, params }, live).finally(() =>
      live.close(),
    );
    const plan = assemblePlan({
      id: newId('plan'),
      req,
      target,
      params,
      built,
      extraChecks: [this.lockCheck()],
      who,
      approval: this.deps.config.auth?.approval ?? [],
      readOnly: this.readOnly,
      ttlMs: this.deps.planTtlMs ?? 10 * 60_000,
      ...(incidentId ? { incidentId } : {}),
    });
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
    const problem = approvalProblem(plan, who);
    if (problem) throw new ActionError(problem.code, problem.why);
    this.store.approve(planId, who.username, Date.now());
    this.recorder.approved(plan, who);
    return this.store.plan(planId) as ActionPlan;
  }

  /** Audits a refusal, then throws it. */
  private refuse(plan: ActionPlan, who: Identity, r: Refusal, reason?: string): never {
    this.recorder.refused(plan, who, r.why, reason);
    throw new ActionError(r.code, r.why);
  }

  /** Checks every guard, takes the lock, re-runs preflight live, then starts the run. */
  async execute(
    planId: string,
    body: ActionExecuteBody,
    who: Identity,
  ): Promise<{ runId: string }> {
    if (this.readOnly) throw new ActionError('forbidden', READ_ONLY_MESSAGE);
    if (this.stopping.signal.aborted)
      throw new ActionError('unavailable', 'the server is stopping; run it again once it is back');
    const plan = this.store.plan(planId);
    if (!plan) throw new ActionError('not_found', `plan ${planId} does not exist`);
    if (plan.usedByRun)
      throw new ActionError('conflict', `this plan already ran as ${plan.usedByRun}: plan again`);
    const reason = body.reason?.trim() || undefined;
    const problem = confirmationProblem(plan, body, who);
    if (problem) this.refuse(plan, who, problem, reason);
    this.recover();
    const runId = newId('run');
    const got = this.lock.acquire(runId);
    if (!got.ok) {
      const why = `another action (run ${got.holder.run_id}) is running on topology "${this.topologyName}": one action at a time`;
      this.refuse(plan, who, { code: 'conflict', why }, reason);
    }
    const live = this.live();
    let built: BuiltPlan;
    try {
      // Preflight again, live: what was true when the user read the plan may not be now.
      built = await this.build(plan, live);
      const stale = livePlanProblem(plan, built);
      if (stale) this.refuse(plan, who, stale, reason);
      if (!this.store.claim(plan.id, runId))
        throw new ActionError('conflict', 'this plan is already running');
    } catch (err) {
      live.close();
      this.lock.release(runId);
      throw err;
    }
    const run = newRun(runId, plan, built, who, reason);
    this.store.insertRun(run, this.topologyName, this.lock.bootId);
    this.recorder.started(run, plan); // on disk before the first command
    const done = launchRun(
      {
        store: this.store,
        lock: this.lock,
        recorder: this.recorder,
        timeouts: this.timeouts,
        heartbeatMs: Math.max(500, Math.floor(this.staleLockMs / 5)),
        signal: this.stopping.signal,
        onProgress: (p) => this.emit('action:progress', p),
        onFinished: (r) => this.emit('action:finished', r),
      },
      run,
      built,
      live,
    ).finally(() => this.active.delete(done));
    this.active.add(done);
    return { runId };
  }

  run(id: string): ActionRun | null {
    return this.store.run(id);
  }

  runs(limit: number): ActionRun[] {
    return this.store.runs(limit);
  }

  /** Lets a run in flight finish (bounded); one cut off is marked interrupted at the next start. */
  /** Interrupts waits of runs in flight (they end failed, recorded) and waits for them to end. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping.abort();
    const timer = new Promise((r) => setTimeout(r, timeoutMs).unref());
    await Promise.race([Promise.allSettled([...this.active]), timer]);
  }
}
