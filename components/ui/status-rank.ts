// Pure: ordering of statuses for "worst of" roll-ups.
import type { Status } from '@/lib/contracts';

const STATUS_RANK: Record<Status, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

/** The worse of several statuses (critical > warning > unknown > ok); unknown when empty. */
export function worstStatus(statuses: Iterable<Status>): Status {
  let worst: Status | null = null;
  for (const s of statuses) if (worst === null || STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  return worst ?? 'unknown';
}
