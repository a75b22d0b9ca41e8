// Builders for the step shapes every drill repeats (inject, observe, undo or repair, links up,
// verify), so a scenario reads as its story and the conventions live once: the guided pause
// sits on the repair, "Observe:" and "Verify:" prefix what the operator watches and checks.
import type { Bilingual } from '../contracts';
import type { ExpectedFinding } from '../contracts/drills';
import { bi } from '../diagnosis/rule-kit';
import type {
  ConditionSpec,
  FaultSpec,
  FaultType,
  RepairSpec,
  StepDef,
  WriteSpec,
} from './scenario-types';

/** One canary set for every drill, so the write, the waits and the verify texts agree. */
export const CANARY_KEYS = 500;

export const inject = (fault: FaultSpec, label: Bilingual): StepDef => ({
  kind: 'inject',
  fault,
  label,
});

export const waitUntil = (until: ConditionSpec, timeoutMs: number, label: Bilingual): StepDef => ({
  kind: 'wait',
  until,
  timeoutMs,
  label,
});

/** Wait for a finding to open; `subject` is the label without its "Observe:" prefix. */
export const observe = (finding: ExpectedFinding, timeoutMs: number, subject: Bilingual): StepDef =>
  waitUntil(
    { type: 'finding', finding },
    timeoutMs,
    bi(`Observe: ${subject.en}`, `观察：${subject.zh}`),
  );

export const linksUp = (
  timeoutMs = 20_000,
  label = bi('Wait for every link to come back', '等待所有链路恢复'),
): StepDef => waitUntil({ type: 'links_up' }, timeoutMs, label);

export const write = (spec: WriteSpec, label: Bilingual): StepDef => ({
  kind: 'write',
  write: spec,
  label,
});

/** Canary keys on the master, then on every replica: the baseline a verify compares with. */
export const writeCanaries = (): StepDef[] => [
  write(
    { type: 'canary', keys: CANARY_KEYS },
    bi(`Write ${CANARY_KEYS} canary keys`, `写入 ${CANARY_KEYS} 个探针 key`),
  ),
  waitUntil(
    { type: 'canary', on: 'all' },
    10_000,
    bi('Wait until every replica has them', '等待所有从节点收到探针 key'),
  ),
];

/**
 * Undo active faults before the repair point. `marks` is spread as given: an explicit
 * `startsDetectClock: false` stays in the data (detectClockIndex only looks for true).
 */
export const removeFault = (
  label: Bilingual,
  marks: { fault?: FaultType; startsDetectClock?: boolean } = {},
): StepDef => ({ kind: 'remove', ...marks, label });

/** The repair point when undoing the fault is the whole fix (network back, process restarted). */
export const recoverByRemoving = (label: Bilingual): StepDef => ({
  kind: 'remove',
  isRecoveryPoint: true,
  label,
});

/** The repair point when the operator must act: the finding's own remedy. */
export const recoverByRepair = (repair: RepairSpec, label: Bilingual): StepDef => ({
  kind: 'repair',
  repair,
  isRecoveryPoint: true,
  label,
});

/** `label` is the step's name without its "Verify:" prefix; `what` is the scorecard line. */
export const verify = (
  check: ConditionSpec,
  timeoutMs: number,
  texts: { label: Bilingual; what: Bilingual },
): StepDef => ({
  kind: 'verify',
  check,
  timeoutMs,
  what: texts.what,
  label: bi(`Verify: ${texts.label.en}`, `验证：${texts.label.zh}`),
});
