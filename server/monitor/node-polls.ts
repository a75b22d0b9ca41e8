// One poll per node, as the cycle and the fast lane send them: which sections each node's poll
// asks for, and failures (even a synchronous throw) turned into that node's state.
import { quietRole } from '../../lib/info/role-reply';
import type { Config } from '../config';
import { logger } from '../logger';
import type { PollResult } from '../redis/node-client';
import type { MonitorPool } from './monitor-pool';
import type { NodeRecord } from './node-record';
import { FULL_PLAN, phaseOf, pollPlan, type PollPlan } from './poll-tiers';
import { inSlices } from './slices';

const log = logger('monitor');
/** Polls sent per event-loop task (see pollWave). */
const WAVE_SLICE = 32;

/** Resolves by the deadline with the node's result; never rejects. */
export async function pollOne(pool: MonitorPool, id: string, deadline: number, plan: PollPlan): Promise<PollResult> {
  try {
    // Inside the try: a synchronous throw (a bad id) becomes that node's failure too.
    return await pool.get(id).poll(deadline, plan);
  } catch (err) {
    log.warn({ node: id, err }, 'poll rejected; the node counts as unreachable this cycle');
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, at: Date.now(), error: { code: 'unknown', message } };
  }
}

/**
 * This node's poll: fast sections always, slow tiers when due, ROLE instead of INFO between two
 * INFOs of a quiet node (server/monitor/poll-tiers.ts).
 */
export function planFor(r: NodeRecord | undefined, now: number, poll: Config['poll']): PollPlan {
  if (!r) return { ...FULL_PLAN, withConfig: true };
  const syncing = r.info?.replication.master_sync_in_progress === true || r.info?.sections.persistence?.loading === '1';
  const role = r.reachable && r.info ? quietRole(r.info) : undefined;
  return pollPlan({ sectionAt: r.sectionAt, configAt: r.configAt, refreshAll: r.refreshAll, syncing, role }, now, poll, phaseOf(r.id));
}

/**
 * One poll per node, each result handed to `onResult` as it arrives. The polls are sent
 * WAVE_SLICE nodes per event-loop task: each pipelined write wakes its redis-server, and 1,000
 * of them in one task held the loop for hundreds of ms. One node's failure is that node's
 * state, never the wave's.
 */
export async function pollWave(
  poll: (id: string) => Promise<PollResult>,
  wave: string[],
  onResult: (id: string, result: PollResult) => void,
): Promise<void> {
  // Each promise settles without rejecting: they wait across slices, where an unhandled
  // rejection would end the process.
  const polls = await inSlices(wave, WAVE_SLICE, async (id) => {
    const result = await poll(id);
    try {
      onResult(id, result);
    } catch (err) {
      log.error({ node: id, err }, 'could not apply a poll result; the node keeps its last state');
    }
  });
  await Promise.all(polls);
}
