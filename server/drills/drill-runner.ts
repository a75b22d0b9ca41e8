// Runs one drill scenario against a sandbox the dashboard watches: injects, waits, repairs,
// verifies, times detection and recovery from what the dashboard announced, and scores it.
// Emits `progress` per step change and `finished` once; knows nothing of HTTP or sockets.
import { EventEmitter } from 'node:events';
import type {
  DrillProgress,
  DrillRun,
  DrillStep,
  DrillStepState,
} from '../../lib/contracts/drills';
import type { DrillScenario, StepDef } from '../../lib/drills/scenario-types';
import { detectClockIndex, recoveryPointIndex } from '../../lib/drills/scenarios';
import { computeScorecard, type DrillObservation } from '../../lib/drills/scorecard';
import type { ActionService } from '../actions/action-service';
import type { IncidentService } from '../incidents/incident-service';
import { logger } from '../logger';
import type { Monitor } from '../monitor/monitor';
import { waitCondition, type CheckResult } from './drill-conditions';
import { problemLine, type DrillObserver } from './drill-observer';
import { textRef } from '../../lib/i18n/text-ref';
import { prepareRun, type DrillWorldDeps, type RunContext } from './drill-run-context';
import { sleep } from './redis-steps';
import { errorText } from '../error-text';

const log = logger('drills');
/** Healthy this long without a break counts as recovered (a late finding would break it). */
const SETTLE_MS = 2_000;
/** Past the scenario's limit we keep waiting a while, so a slow recovery still gets a time. */
const RECOVERY_GRACE_MS = 15_000;
const GUIDED_TIMEOUT_MS = 30 * 60_000;

/** How long a drill waits for a healthy baseline before injecting its fault. */
const BASELINE_MS = 15_000;

export interface DrillRunnerDeps extends DrillWorldDeps {
  /** To notice the operator's repair (an action run) during a guided pause. */
  actions?: Pick<ActionService, 'on' | 'off'>;
}

export interface DrillRunOptions {
  id: string;
  guided?: boolean;
  actor?: string;
  /** Undo what is still broken at the end (a shared sandbox); a throwaway one needs not. */
  cleanup?: boolean;
}

export interface DrillRunnerEvents {
  progress: [DrillProgress];
  finished: [DrillRun];
}

export class DrillRunner extends EventEmitter<DrillRunnerEvents> {
  readonly run: DrillRun;
  private resumeNow: (() => void) | undefined;
  private isAborted = false;

  constructor(
    private readonly deps: DrillRunnerDeps,
    private readonly scenario: DrillScenario,
    private readonly opts: DrillRunOptions,
  ) {
    super();
    this.run = {
      id: opts.id,
      scenario: scenario.id,
      guided: opts.guided ?? false,
      state: 'running',
      startedAt: Date.now(),
      actor: opts.actor ?? 'drill',
      steps: scenario.steps.map((s, index) => ({
        index,
        kind: s.kind,
        label: s.label,
        state: 'pending',
      })),
      incidentIds: [],
    };
  }

  /** Ends a guided pause; false when the drill is not waiting for the operator. */
  resume(): boolean {
    if (!this.resumeNow) return false;
    this.resumeNow();
    return true;
  }

  /** Stops after the current step; what is broken is still put back when cleanup is on. */
  abort(): void {
    this.isAborted = true;
    this.resumeNow?.();
  }

  async execute(): Promise<DrillRun> {
    const ctx = await prepareRun(this.deps, this.scenario, this.run);
    const { observer, obs } = ctx;
    // A drill starts from a healthy baseline: a fresh sandbox is still catching up after its
    // first syncs, and a finding already open would make detection "0 ms" and adopt no incident.
    await this.settleBaseline(this.deps.monitor, this.deps.incidents);
    observer.start();
    observer.note(
      'note',
      `Drill ${this.scenario.id} started by ${this.run.actor}`,
      `演练 ${this.scenario.id} 由 ${this.run.actor} 发起`,
      this.data(),
      'drill',
    );
    try {
      await this.runSteps(ctx);
      await this.timeRecovery(ctx);
    } catch (err) {
      this.failRunningStep(obs, err);
    } finally {
      await this.wrapUp(ctx);
    }
    return this.finish(ctx);
  }

  /** Every step in order; starts the fault, detection and recovery clocks as their steps come. */
  private async runSteps(ctx: RunContext): Promise<void> {
    const { observer, obs } = ctx;
    const detectIdx = detectClockIndex(this.scenario);
    const recoveryIdx = recoveryPointIndex(this.scenario);
    for (const [i, def] of this.scenario.steps.entries()) {
      if (this.isAborted) break;
      const isRecovery = i === recoveryIdx;
      const repairAt = isRecovery && this.run.guided ? await this.pauseForOperator(i) : null;
      if (this.isAborted) break;
      const startedAt = Date.now();
      if (isRecovery) obs.recoverClockAt = repairAt ?? startedAt;
      if (def.kind === 'inject' && obs.faultAt === null) obs.faultAt = startedAt;
      if (isRecovery && this.run.guided && observer.healthyFrom !== null) {
        this.setStep(i, 'skipped', {
          startedAt,
          endedAt: startedAt,
          detail: 'repaired by the operator',
          detailText: textRef('drillText.repairedByOperator'),
        });
      } else {
        await this.runStep(i, def, startedAt, ctx);
      }
      if (i === detectIdx) obs.detectClockAt = Date.now();
      this.noteStep(i, def, observer);
    }
  }

  private async runStep(
    i: number,
    def: StepDef,
    startedAt: number,
    ctx: RunContext,
  ): Promise<void> {
    this.setStep(i, 'running', { startedAt });
    if (def.kind === 'remove' || def.kind === 'repair') await ctx.world.markSync();
    const r = await this.execStep(def, ctx);
    this.setStep(i, r.ok ? 'done' : 'failed', {
      endedAt: Date.now(),
      detail: r.detail,
      ...(r.detailText ? { detailText: r.detailText } : {}),
    });
    if (!r.ok && def.kind === 'wait')
      ctx.obs.failedSteps.push({ label: def.label, detail: r.detail });
  }

  /** The step on the drill's timeline: what it did (an action) or what it waited for (a note). */
  private noteStep(i: number, def: StepDef, observer: DrillObserver): void {
    const isAction =
      def.kind === 'inject' ||
      def.kind === 'remove' ||
      def.kind === 'repair' ||
      def.kind === 'write';
    observer.note(
      isAction ? 'action' : 'note',
      `Drill step: ${def.label.en}`,
      `演练步骤：${def.label.zh}`,
      { ...this.data(), step: i, kind: def.kind, detail: this.run.steps[i]?.detail },
      'drill',
    );
  }

  /** After the recovery point: when the dashboard showed health that held (null: never). */
  private async timeRecovery({ observer, obs }: RunContext): Promise<void> {
    if (obs.recoverClockAt === null || this.isAborted) return;
    obs.recoveredAt = await this.waitRecovered(
      observer,
      this.scenario.maxRecoverMs + RECOVERY_GRACE_MS,
    );
    obs.recoveryWait =
      obs.recoveredAt === null ? observer.healthProblemParts() : observer.lastProblemParts;
    obs.recoveryProblem = problemLine(obs.recoveryWait);
  }

  private failRunningStep(obs: DrillObservation, err: unknown): void {
    obs.error = errorText(err);
    log.warn({ drill: this.run.id, err: obs.error }, 'drill step failed');
    const running = this.run.steps.find((s) => s.state === 'running');
    if (running) this.setStep(running.index, 'failed', { endedAt: Date.now(), detail: obs.error });
  }

  /** Stops observing, marks what never ran as skipped, and puts the sandbox back when asked. */
  private async wrapUp({ world, observer }: RunContext): Promise<void> {
    observer.stop();
    for (const s of this.run.steps) if (s.state === 'pending') this.setStep(s.index, 'skipped', {});
    if (this.opts.cleanup) {
      const problems = await world.faults.cleanup();
      if (problems.length) log.warn({ drill: this.run.id, problems }, 'drill cleanup incomplete');
    }
  }

  /** Scores the run, notes the verdict on the timeline and announces the finished run. */
  private finish({ observer, obs }: RunContext): DrillRun {
    const card = computeScorecard(obs);
    observer.note(
      'note',
      `Drill ${this.scenario.id} ${card.passed ? 'passed' : 'failed'}`,
      `演练 ${this.scenario.id} ${card.passed ? '通过' : '未通过'}`,
      { ...this.data(), scorecard: card },
      'drill',
    );
    Object.assign(this.run, {
      state: obs.error ? 'error' : 'finished',
      endedAt: Date.now(),
      scorecard: card,
    });
    if (obs.error) this.run.error = obs.error;
    this.emit('finished', this.run);
    return this.run;
  }

  private async execStep(
    def: StepDef,
    { world: { faults }, check, obs }: RunContext,
  ): Promise<CheckResult> {
    const aborted = () => this.isAborted;
    switch (def.kind) {
      case 'inject':
        return { ok: true, detail: await faults.inject(def.fault) };
      case 'remove':
        return { ok: true, detail: await faults.remove(def.fault) };
      case 'repair':
        return { ok: true, detail: await faults.repair(def.repair) };
      case 'write':
        return { ok: true, detail: await faults.write(def.write) };
      case 'wait':
        return waitCondition(check(def.until), def.timeoutMs, aborted);
      case 'verify': {
        const r = await waitCondition(check(def.check), def.timeoutMs, aborted);
        obs.verifications.push({
          what: def.what,
          passed: r.ok,
          detail: r.detail,
          ...(r.detailText ? { detailText: r.detailText } : {}),
        });
        return r;
      }
    }
  }

  /** Up to BASELINE_MS for every link up and no open warning/critical finding; then go on. */
  private async settleBaseline(monitor: Monitor, incidents: IncidentService): Promise<void> {
    const deadline = Date.now() + BASELINE_MS;
    while (Date.now() < deadline && !this.isAborted) {
      const links = monitor.snapshot().topology.links;
      const serious = incidents.findings('open', 1000).some((f) => f.severity !== 'info');
      if (links.length > 0 && links.every((l) => l.linkStatus === 'up') && !serious) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Holds before the repair until the operator resumes. Recovery is then timed from their
   * first action run during the pause (their repair), or from the resume when they ran none.
   */
  private async pauseForOperator(i: number): Promise<number | null> {
    let repairAt: number | null = null;
    const onAction = () => void (repairAt ??= Date.now());
    this.deps.actions?.on('progress', onAction);
    this.run.state = 'paused';
    this.setStep(i, 'waiting_operator', { startedAt: Date.now() });
    // An operator who walked away does not hold the sandbox broken forever.
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.resumeNow = resolve;
      timer = setTimeout(resolve, GUIDED_TIMEOUT_MS);
    });
    clearTimeout(timer);
    this.resumeNow = undefined;
    this.deps.actions?.off('progress', onAction);
    this.run.state = 'running';
    return repairAt;
  }

  private async waitRecovered(observer: DrillObserver, timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !this.isAborted) {
      const since = observer.healthyFrom;
      if (since !== null && Date.now() - since >= SETTLE_MS) return since;
      await sleep(100);
    }
    return null;
  }

  private setStep(i: number, state: DrillStepState, patch: Partial<DrillStep>): void {
    const step = this.run.steps[i];
    if (!step) return;
    Object.assign(step, patch, { state });
    this.emit('progress', { id: this.run.id, state: this.run.state, step: { ...step } });
  }

  private data(): Record<string, unknown> {
    return { drillId: this.run.id, scenario: this.scenario.id, guided: this.run.guided };
  }
}
