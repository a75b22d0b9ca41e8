// Guarded actions: plan → preflight (live) → confirm → run → verify → record. It emits typed
// events (`action:progress`, `action:finished`) and knows nothing of HTTP or sockets.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type {
  ActionExecuteBody,
  ActionPlan,
  ActionPlanRequest,
  ActionProgress,
  ActionRun,
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
import { buildPlan } from './builders';
import {
  READ_ONLY_MESSAGE,
  approvalProblem,
  confirmationProblem,
  livePlanProblem,
  type Refusal,
} from './guards';
import { LiveRedis } from './live-redis';
import { incidentFor, lockCheck } from './plan-context';
import { PlanGate, type PlanRate } from './plan-gate';
import { markInterrupted } from './recovery';
import { assemblePlan, newRun } from './plan-shape';
import { launchRun } from './run-launcher';
import { RunRecorder } from './run-recorder';
import type { ActionTimeouts, BuiltPlan, SentinelGate } from './types';

export { ActionError } from './action-error';

export interface ActionServiceDeps {
  db: Db;
  config: Config;
  monitor: {
    snapshot(): { topology: Topology };
    canonical(id: string): string;
    /** The latest derived metrics of a node (replOffsetRate for config.apply's risk model). */
    nodeDetail?(id: string): { metrics: { replOffsetRate: number | null } | null } | null;
  };
  credentialsFor(id: string): NodeCredentials;
  incidents?: Pick<IncidentService, 'addEntry' | 'findings' | 'list'>;
  timeouts?: Partial<ActionTimeouts>;
  planTtlMs?: number;
  /** How old a foreign lock's heartbeat may be before it counts as abandoned. */
  staleLockMs?: number;
  /** Plans per user: a bucket of `burst`, refilled at `perSecond`. */
  planRate?: PlanRate;
  /** Sentinel-managed groups: promote runs SENTINEL FAILOVER, re-attach follows Sentinel. */
  sentinel?: SentinelGate;
}

export interface ActionEvents {
  progress: [ActionProgress];
  finished: [ActionRun];
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
  private readonly gate: PlanGate;

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
    this.audit = new AuditLog(deps.db, { key: deps.config.auditKey });
    this.store = new ActionStore(deps.db);
    this.lock = new ActionLock(
      deps.db,
      this.topologyName,
      randomBytes(8).toString('hex'),
      this.staleLockMs,
    );
    this.recorder = new RunRecorder(this.audit, deps.incidents);
    this.gate = new PlanGate(deps.monitor, deps.planRate);
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

  /** Connections for one plan or run: to nodes of the topology (now, or when it started) only. */
  private live(): LiveRedis {
    const pinned = new Set(this.deps.monitor.snapshot().topology.nodes.map((n) => n.id));
    return new LiveRedis({
      credentialsFor: this.deps.credentialsFor,
      canonical: this.deps.monitor.canonical,
      isAllowed: (id) => pinned.has(id) || this.gate.isTopologyNode(id),
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
      replOffsetRate: (id: string) =>
        this.deps.monitor.nodeDetail?.(id)?.metrics?.replOffsetRate ?? null,
      outageSeconds: this.deps.config.diagnosis.backlogOutageSeconds,
      sentinel: this.deps.sentinel,
    };
    return buildPlan(ctx, plan.action, plan.target, plan.params);
  }

  /** Role, params and perimeter first (refusals are audited), then the plan against the live nodes. */
  private vet(req: ActionPlanRequest, who: Identity) {
    this.gate.admit(who);
    try {
      return this.gate.vet(req, who);
    } catch (err) {
      if (err instanceof ActionError) this.recorder.planRefused(req, who, err.code, err.message);
      throw err;
    }
  }

  /** Builds the plan against the live nodes; a failed check makes it `allowed: false`. */
  async plan(req: ActionPlanRequest, who: Identity): Promise<ActionPlan> {
    this.recover();
    const { target, params } = this.vet(req, who);
    const incidentId = incidentFor(this.deps.incidents, target, req.findingId);
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
      extraChecks: [lockCheck(this.lock, this.store, this.topologyName)],
      who,
      approval: this.deps.config.auth?.approval ?? [],
      readOnly: this.readOnly,
      ttlMs: this.deps.planTtlMs ?? 10 * 60_000,
      ...(incidentId ? { incidentId } : {}),
    });
    this.store.savePlan(plan);
    this.recorder.planned(plan, who);
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
        onProgress: (p) => this.emit('progress', p),
        onFinished: (r) => this.emit('finished', r),
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
