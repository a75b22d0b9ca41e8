// What each Sentinel of a group says about its master right now (SENTINEL MASTER <name>), for
// the preflight and the read-back of sentinel.set / sentinel.reset.
import type { PreflightCheck, SentinelGroup, SentinelSettings } from '../../../lib/contracts';
import { parseMasters, type MasterRecord } from '../../../lib/sentinel/sentinel-replies';
import { check } from '../checks';
import type { BuildContext, SentinelGate } from '../types';

export type SettingName = keyof SentinelSettings;
export const SETTING_NAMES: readonly SettingName[] = ['quorum', 'down-after-milliseconds', 'failover-timeout', 'parallel-syncs'];

export interface SentinelReading {
  sentinelId: string;
  master: MasterRecord | null;
  error?: string;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function readMasters(gate: SentinelGate, name: string, ids: readonly string[]): Promise<SentinelReading[]> {
  return Promise.all(
    ids.map(async (sentinelId) => {
      try {
        const reply = await gate.commandOn(sentinelId, 'SENTINEL', 'MASTER', name);
        return { sentinelId, master: parseMasters([reply])[0] ?? null };
      } catch (err) {
        return { sentinelId, master: null, error: message(err) };
      }
    }),
  );
}

export function settingOf(m: MasterRecord, name: SettingName): number | undefined {
  switch (name) {
    case 'quorum':
      return m.quorum;
    case 'down-after-milliseconds':
      return m.downAfterMs;
    case 'failover-timeout':
      return m.failoverTimeoutMs;
    case 'parallel-syncs':
      return m.parallelSyncs;
  }
}

/** The group Sentinel manages the target in (its master or a replica it lists), with the gate. */
export function managedGroup(ctx: BuildContext, target: string): { gate: SentinelGate; group: SentinelGroup } | null {
  const gate = ctx.sentinel;
  const group = gate?.groupOf(ctx.canonical(target));
  return gate && group ? { gate, group } : null;
}

export function notManaged(target: string): PreflightCheck {
  return check('sentinel_group', false, `no Sentinel ReplicaOps watches manages ${target} (add a sentinel:// seed)`, `ReplicaOps 监视的 Sentinel 均不管理 ${target}（请添加 sentinel:// 种子）`);
}

/** RESET aborts a running failover and SET mid-failover races Sentinel's own reconfiguration. */
export function idleCheck(group: SentinelGroup, readings: readonly SentinelReading[]): PreflightCheck {
  const busy = readings.filter((r) => r.master?.flags.includes('failover_in_progress') || r.master?.failoverState !== undefined);
  const ok = busy.length === 0 && group.failover?.state !== 'in_progress';
  return check(
    'sentinel_idle',
    ok,
    ok ? `no failover of ${group.name} in progress` : `Sentinel is failing over ${group.name}${busy.length ? ` (${busy.map((r) => r.sentinelId).join(', ')})` : ''}: wait for it to end`,
    ok ? `${group.name} 没有进行中的故障转移` : `Sentinel 正在对 ${group.name} 故障转移：请等待其结束`,
  );
}

/** Sentinel matches RESET's argument as a glob: escape it so only this name matches. */
export function globEscape(name: string): string {
  return name.replace(/[\\*?[\]]/g, (c) => `\\${c}`);
}
