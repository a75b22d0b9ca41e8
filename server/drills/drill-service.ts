// Drills started from the API: only against the sandbox this server started itself, one at a
// time, history in SQLite. Emits `progress` / `finished`; the realtime gateway maps them to wire events.
import { EventEmitter } from 'node:events';
import type {
  DrillProgress,
  DrillRun,
  DrillScenariosResponse,
  StartDrillBody,
} from '../../lib/contracts/drills';
import { findScenario, scenarioSummary, SCENARIOS } from '../../lib/drills/scenarios';
import type { ActionService } from '../actions/action-service';
import type { IncidentService } from '../incidents/incident-service';
import { logger } from '../logger';
import type { Monitor } from '../monitor/monitor';
import type { Sandbox } from '../sandbox';
import { ClusterSandbox } from '../sandbox/cluster-sandbox';
import { assertClusterSandbox } from './cluster-drill';
import { NotSandboxError } from '../sandbox/faults';
import type { Db } from '../store/database';
import { DrillTargetError, resolveTargets } from './drill-sandbox';
import { DrillRunner } from './drill-runner';
import { DrillStore } from './drill-store';
import { errorText } from '../error-text';

const log = logger('drills');

export const NO_SANDBOX_MESSAGE =
  'drills run only against the sandbox started by this server (npm run demo)';

export class DrillError extends Error {
  constructor(
    readonly code: 'conflict' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

export function newDrillId(): string {
  return `drill-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export interface DrillServiceDeps {
  db: Db;
  monitor: Monitor;
  incidents: IncidentService;
  actions?: ActionService;
  /**
   * The sandbox this server started and owns; without it every drill is refused. A Redis
   * Cluster sandbox runs the cluster scenarios, a master with replicas the others.
   */
  sandbox?: Sandbox | ClusterSandbox;
}

export interface DrillServiceEvents {
  progress: [DrillProgress];
  finished: [DrillRun];
}

export class DrillService extends EventEmitter<DrillServiceEvents> {
  private readonly store: DrillStore;
  private current: { runner: DrillRunner; done: Promise<unknown> } | undefined;

  constructor(private readonly deps: DrillServiceDeps) {
    super();
    this.store = new DrillStore(deps.db);
    const abandoned = this.store.abandonUnfinished(Date.now());
    if (abandoned)
      log.info({ abandoned }, 'drills left unfinished by a previous run marked as errors');
  }

  get isAvailable(): boolean {
    return this.deps.sandbox !== undefined && !this.deps.sandbox.isStopped;
  }

  /**
   * With a sandbox, the scenarios it can run (a cluster's, or a master with replicas'; the
   * Sentinel drills start their own Sentinels, so they run headless only); else all.
   */
  scenarios(): DrillScenariosResponse {
    const sandbox = this.deps.sandbox;
    const fits = (s: (typeof SCENARIOS)[number]) =>
      !sandbox ||
      (!s.sandbox.sentinels &&
        (s.sandbox.cluster !== undefined) === sandbox instanceof ClusterSandbox);
    return { available: this.isAvailable, scenarios: SCENARIOS.filter(fits).map(scenarioSummary) };
  }

  /** Starts a drill in the background and answers its id at once. */
  start(body: StartDrillBody, actor: string): { id: string } {
    const sandbox = this.deps.sandbox;
    if (!sandbox || sandbox.isStopped) throw new DrillError('conflict', NO_SANDBOX_MESSAGE);
    if (this.current)
      throw new DrillError(
        'conflict',
        `drill ${this.current.runner.run.id} is still running; one drill at a time`,
      );
    const scenario = findScenario(body.scenario);
    if (!scenario) throw new DrillError('not_found', `no drill scenario ${body.scenario}`);
    // The demo's sandbox carries no Sentinels of the drill's own: refuse rather than half-run.
    if (scenario.sandbox.sentinels)
      throw new DrillError(
        'conflict',
        `${scenario.id} runs on a fresh sandbox with its own Sentinels: npm run drill -- ${scenario.id}`,
      );
    try {
      if (scenario.sandbox.cluster) assertClusterSandbox(sandbox);
      else if (sandbox instanceof ClusterSandbox)
        throw new DrillTargetError(
          `${scenario.id} needs a master with replicas (npm run demo), not a Redis Cluster`,
        );
      else resolveTargets(sandbox, scenario);
    } catch (err) {
      if (err instanceof DrillTargetError || err instanceof NotSandboxError)
        throw new DrillError('conflict', err.message);
      throw err;
    }
    const { monitor, incidents, actions } = this.deps;
    const runner = new DrillRunner({ sandbox, monitor, incidents, actions }, scenario, {
      id: newDrillId(),
      guided: body.guided ?? false,
      actor,
      cleanup: true,
    });
    runner.on('progress', (p) => {
      this.store.save(runner.run);
      this.emit('progress', p);
    });
    this.store.save(runner.run);
    const done = runner
      .execute()
      .catch((err: unknown) => {
        // A refusal before the first step (the sandbox stopped meanwhile) still ends the run.
        Object.assign(runner.run, {
          state: 'error',
          endedAt: Date.now(),
          error: errorText(err),
        });
        return runner.run;
      })
      .then((run) => {
        this.store.save(run);
        this.emit('finished', run);
      })
      .finally(() => (this.current = undefined));
    this.current = { runner, done };
    return { id: runner.run.id };
  }

  /** The running drill's live record, or one from history. */
  get(id: string): DrillRun | null {
    if (this.current?.runner.run.id === id) return this.current.runner.run;
    return this.store.get(id);
  }

  list(limit: number): DrillRun[] {
    const past = this.store.list(limit);
    const live = this.current?.runner.run;
    return live ? past.map((r) => (r.id === live.id ? live : r)) : past;
  }

  resume(id: string): DrillRun {
    const live = this.current?.runner;
    if (!live || live.run.id !== id) {
      if (!this.store.get(id)) throw new DrillError('not_found', `drill ${id} does not exist`);
      throw new DrillError('conflict', `drill ${id} is not running`);
    }
    if (!live.resume())
      throw new DrillError('conflict', `drill ${id} is not waiting for the operator`);
    return live.run;
  }

  /** On shutdown: stop the running drill after its step and put its faults back. */
  async stop(): Promise<void> {
    const current = this.current;
    if (!current) return;
    current.runner.abort();
    await current.done;
  }
}
