// Shared wording and colours for check runs: one status per diff class and per run state, so the
// page, the history and the node section agree (colour always travels with an icon and a word).
import type { CheckState, DiffClass, Status } from '@/lib/contracts';
import type { MessageKey } from '@/lib/i18n';

export const CLASS_LABEL: Record<DiffClass, MessageKey> = {
  missingOnReplica: 'checks.class.missingOnReplica',
  extraOnReplica: 'checks.class.extraOnReplica',
  typeMismatch: 'checks.class.typeMismatch',
  valueMismatch: 'checks.class.valueMismatch',
  ttlMismatch: 'checks.class.ttlMismatch',
};

/** Severity of a class when it has differences (zero is always ok). */
const CLASS_SEVERITY: Record<DiffClass, Status> = {
  missingOnReplica: 'critical',
  extraOnReplica: 'warning',
  typeMismatch: 'critical',
  valueMismatch: 'critical',
  ttlMismatch: 'warning',
};

export function classStatus(cls: DiffClass, count: number | undefined): Status {
  if (count === undefined) return 'unknown';
  return count > 0 ? CLASS_SEVERITY[cls] : 'ok';
}

export const STATE_LABEL: Record<CheckState, MessageKey> = {
  running: 'checks.state.running',
  done: 'checks.state.done',
  cancelled: 'checks.state.cancelled',
  failed: 'checks.state.failed',
};

export function stateStatus(state: CheckState): Status {
  return state === 'failed' ? 'critical' : state === 'done' ? 'ok' : 'unknown';
}

/** Status of a finished run from its counts: differences or unseen canaries are the verdict. */
export function verdictStatus(state: CheckState, counts: Record<string, number>, kind: 'canary' | 'compare'): Status {
  if (state !== 'done') return stateStatus(state);
  if (kind === 'canary') return (counts.failed ?? 0) > 0 ? 'critical' : 'ok';
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return total > 0 ? 'critical' : 'ok';
}

/** Heartbeat delay: no answer is critical, over a second a warning. */
export function delayStatus(delayMs: number | null, answered: boolean): Status {
  if (!answered) return 'critical';
  if (delayMs === null) return 'unknown';
  return delayMs > 1000 ? 'warning' : 'ok';
}
