// What one drill run acts on and records: the world its scenario needs (a replication tree,
// with or without Sentinel, or a Redis Cluster), the observer of what the dashboard says, and
// the observation the scorecard is computed from.
import type { DrillRun } from '../../lib/contracts/drills';
import type { ConditionSpec, DrillScenario } from '../../lib/drills/scenario-types';
import type { DrillObservation } from '../../lib/drills/scorecard';
import type { IncidentService } from '../incidents/incident-service';
import type { Monitor } from '../monitor/monitor';
import type { Sandbox, SandboxSentinels } from '../sandbox';
import { assertSandbox } from '../sandbox/faults';
import type { ClusterSandbox } from '../sandbox/cluster-sandbox';
import { clusterWorld } from './cluster-drill';
import { replicationWorld, type CheckResult, type DrillWorld } from './drill-conditions';
import { DrillObserver } from './drill-observer';

export interface DrillWorldDeps {
  /** A Redis Cluster sandbox for the scenarios that need one (`sandbox.cluster`). */
  sandbox: Sandbox | ClusterSandbox;
  monitor: Monitor;
  incidents: IncidentService;
  /** Sentinels watching the sandbox (scenarios with `sandbox.sentinels`). */
  sentinels?: SandboxSentinels;
}

/** What one run's steps share: the world acted on, the observer, the record being scored. */
export interface RunContext {
  world: DrillWorld;
  observer: DrillObserver;
  obs: DrillObservation;
  /** The condition as a probe bound to this run's observer and fault time. */
  check: (spec: ConditionSpec) => () => Promise<CheckResult>;
}

/** A master with replicas; with Sentinel the master moves, so the links are judged against its. */
function replicationWorldOf(
  deps: DrillWorldDeps,
  sb: Sandbox,
  scenario: DrillScenario,
): DrillWorld {
  const { monitor, sentinels } = deps;
  if (scenario.sandbox.sentinels && !sentinels)
    throw new Error(
      `${scenario.id} needs Sentinels watching the sandbox (npm run drill -- ${scenario.id} starts them)`,
    );
  return replicationWorld(sb, scenario, {
    topology: () => monitor.snapshot().topology,
    ...(sentinels ? { sentinels } : {}),
  });
}

/** The world the scenario needs, an observer (not started yet) and an empty observation. */
export async function prepareRun(
  deps: DrillWorldDeps,
  scenario: DrillScenario,
  run: DrillRun,
): Promise<RunContext> {
  const { sandbox: sb, monitor, incidents } = deps;
  const world: DrillWorld = scenario.sandbox.cluster
    ? await clusterWorld(sb, monitor, scenario)
    : (assertSandbox(sb), replicationWorldOf(deps, sb, scenario));
  const observer = new DrillObserver(
    incidents,
    monitor,
    scenario,
    (t) => world.replicaIds(t),
    (id) => {
      run.incidentIds.push(id);
    },
  );
  const obs: DrillObservation = {
    scenario,
    faultAt: null,
    detectClockAt: null,
    recoverClockAt: null,
    recoveredAt: null,
    findings: observer.findings,
    verifications: [],
    failedSteps: [],
  };
  const faultAt = () => obs.faultAt ?? run.startedAt;
  const check = (spec: ConditionSpec) => () => world.check(spec, observer, faultAt);
  return { world, observer, obs, check };
}
