// The seed's alert levels (§5.1): green below the warning thresholds, amber between, red above,
// and a down link or an unreachable node is always red.
import type { LinkStatus, Status } from '../contracts';

export interface StatusThresholds {
  lagWarningSeconds: number;
  lagCriticalSeconds: number;
  gapWarningBytes: number;
  gapCriticalBytes: number;
  /**
   * Replication is asynchronous: at R bytes/s of writes about R × this many ms of stream are
   * always in flight. That much of a gap is subtracted before the byte thresholds apply, so a
   * busy master (where 1000 B is a microsecond of writes) does not show lag that is not there.
   */
  gapGraceMs: number;
  memoryWarningPct: number;
  memoryCriticalPct: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = {
  lagWarningSeconds: 2,
  lagCriticalSeconds: 10,
  gapWarningBytes: 1000,
  gapCriticalBytes: 10000,
  gapGraceMs: 50,
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

/** The part of a gap beyond what is in flight at the upstream's write rate (bytes/s). */
export function gapBeyondInFlight(
  offsetGapBytes: number | null,
  writeRate: number | null | undefined,
  t: Pick<StatusThresholds, 'gapGraceMs'>,
): number | null {
  if (offsetGapBytes === null) return null;
  const inFlight = writeRate && writeRate > 0 ? (writeRate * t.gapGraceMs) / 1000 : 0;
  return Math.max(0, offsetGapBytes - inFlight);
}

export function linkHealth(
  linkStatus: LinkStatus,
  lagSeconds: number | null,
  offsetGapBytes: number | null,
  t: StatusThresholds,
  writeRate?: number | null,
): Status {
  if (linkStatus === 'down') return 'critical';
  // A full sync in progress is a warning: the replica serves stale (or no) data meanwhile.
  const base: Status = linkStatus === 'sync' ? 'warning' : 'ok';
  return worst(
    base,
    level(lagSeconds, t.lagWarningSeconds, t.lagCriticalSeconds),
    level(gapBeyondInFlight(offsetGapBytes, writeRate, t), t.gapWarningBytes, t.gapCriticalBytes),
  );
}

export function memoryHealth(memoryPct: number | null, t: StatusThresholds): Status {
  return level(memoryPct, t.memoryWarningPct, t.memoryCriticalPct);
}
