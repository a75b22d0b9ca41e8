// Every drill scenario, in the order the UI and `npm run drill -- all` run them.
import type { DrillScenarioId, DrillScenarioSummary } from '../contracts/drills';
import type { DrillScenario, StepDef } from './scenario-types';
import { emptyMasterRestart, slowLink, writableReplica } from './scenarios-data';
import {
  clusterLostReplica,
  clusterPrimaryFailover,
  clusterReplicaCannotFailover,
} from './scenarios-cluster';
import { authFailure, backlogOverflow, bufferLimitLoop } from './scenarios-faults';
import { masterRestart, networkInterruption, replicaFailure } from './scenarios-seed';
import { sentinelFailover, sentinelNoEligibleReplica, sentinelQuorumLoss } from './scenarios-sentinel';

export const SCENARIOS: readonly DrillScenario[] = [
  networkInterruption,
  masterRestart,
  replicaFailure,
  authFailure,
  backlogOverflow,
  bufferLimitLoop,
  emptyMasterRestart,
  writableReplica,
  slowLink,
  clusterPrimaryFailover,
  clusterLostReplica,
  clusterReplicaCannotFailover,
  sentinelFailover,
  sentinelQuorumLoss,
  sentinelNoEligibleReplica,
];

export function findScenario(id: string): DrillScenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export function scenarioSummary(s: DrillScenario): DrillScenarioSummary {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    guidedHint: s.guidedHint,
    source: s.source,
    needsProxy: s.sandbox.needsProxy,
    needsCluster: s.sandbox.cluster !== undefined,
    expected: s.expect,
    maxDetectMs: s.maxDetectMs,
    maxRecoverMs: s.maxRecoverMs,
    steps: s.steps.map((step) => ({ kind: step.kind, label: step.label })),
  };
}

/** The step a guided drill pauses before, and from which recovery is timed. */
export function recoveryPointIndex(s: DrillScenario): number {
  return s.steps.findIndex((step) => step.isRecoveryPoint === true);
}

/** The step whose end starts the detection clock: the marked one, else the first inject. */
export function detectClockIndex(s: DrillScenario): number {
  const marked = s.steps.findIndex((step) => step.startsDetectClock === true);
  return marked >= 0 ? marked : s.steps.findIndex((step: StepDef) => step.kind === 'inject');
}

export const SCENARIO_IDS: readonly DrillScenarioId[] = SCENARIOS.map((s) => s.id);
