// The seed's alert levels (§5.1): green below the warning thresholds, amber between, red above,
// and a down link or an unreachable node is always red.
import type { LinkStatus, Status } from '../contracts';

export interface StatusThresholds {
  lagWarningSeconds: number;
  lagCriticalSeconds: number;
  gapWarningBytes: number;
  gapCriticalBytes: number;
  memoryWarningPct: number;
  memoryCriticalPct: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = {
  lagWarningSeconds: 2,
  lagCriticalSeconds: 10,
  gapWarningBytes: 1000,
  gapCriticalBytes: 10000,
  memoryWarningPct: 80,
  memoryCriticalPct: 95,
};

const RANK: Record<Status, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

/** The more severe of the statuses (unknown ranks above ok: it is not known to be fine). */
export function worst(...statuses: Status[]): Status {
  return statuses.reduce<Status>((a, b) => (RANK[b] > RANK[a] ? b : a), 'ok');
}

function level(value: number | null, warning: number, critical: number): Status {
  if (value === null) return 'ok';
  if (value >= critical) return 'critical';
  if (value >= warning) return 'warning';
  return 'ok';
}

export function linkHealth(
  linkStatus: LinkStatus,
  lagSeconds: number | null,
  offsetGapBytes: number | null,
  t: StatusThresholds,
): Status {
  if (linkStatus === 'down') return 'critical';
  // A full sync in progress is a warning: the replica serves stale (or no) data meanwhile.
  const base: Status = linkStatus === 'sync' ? 'warning' : 'ok';
  return worst(
    base,
    level(lagSeconds, t.lagWarningSeconds, t.lagCriticalSeconds),
    level(offsetGapBytes, t.gapWarningBytes, t.gapCriticalBytes),
  );
}

export function memoryHealth(memoryPct: number | null, t: StatusThresholds): Status {
  return level(memoryPct, t.memoryWarningPct, t.memoryCriticalPct);
}
