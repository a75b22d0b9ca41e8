// sentinel.set: SENTINEL SET <name> <setting> <value>… on every Sentinel of the group. Each
// Sentinel keeps its own copy of these settings (SET is not propagated between them), so all of
// them must answer, or the group would act on two configurations. Only the failover-tuning
// settings the Redis docs list are accepted (the contract's schema); the risk of each value is
// computed against the group (how many Sentinels, a majority) and a risky one escalates the
// confirmation. Verified by reading SENTINEL MASTER back on each; a refusal sets the old values
// back on every Sentinel.
import type { ActionEffect, ActionParams, Bilingual, PreflightCheck, SentinelGroup } from '../../../lib/contracts';
import { check } from '../checks';
import type { BuildContext, BuiltPlan, SentinelGate, Step } from '../types';
import { idleCheck, managedGroup, notManaged, readMasters, SETTING_NAMES, settingOf, type SentinelReading, type SettingName } from './sentinel-live';

/** Below this, a slow fork or a network stall already counts as down (Sentinel's default is 30 s). */
const SHORT_DOWN_AFTER_MS = 5000;

type Values = Partial<Record<SettingName, number>>;

function effectOf(name: SettingName, value: number, sentinels: number, group: SentinelGroup): ActionEffect {
  const majority = Math.floor(sentinels / 2) + 1;
  const base = { setting: name, value: String(value) };
  switch (name) {
    case 'quorum':
      if (value === sentinels && sentinels > 1)
        return { ...base, code: 'quorum_needs_all', level: 'destructive', text: { en: `quorum ${value} of ${sentinels} Sentinels: with any one Sentinel down, the master can no longer be flagged objectively down, so no failover happens.`, zh: `quorum ${value}（共 ${sentinels} 个 Sentinel）：任意一个 Sentinel 宕机后，主节点无法被判定为客观下线，故障转移不会发生。` } };
      if (value < majority)
        return { ...base, code: 'quorum_below_majority', level: 'safe', text: { en: `quorum ${value}: ${value} Sentinel(s) agreeing flag the master objectively down; the failover itself still needs a majority (${majority} of ${sentinels}) to elect a leader.`, zh: `quorum ${value}：${value} 个 Sentinel 同意即判定主节点客观下线；故障转移本身仍需多数（${sentinels} 个中的 ${majority} 个）选出领头者。` } };
      return { ...base, code: 'quorum', level: 'safe', text: { en: `${value} of ${sentinels} Sentinels must agree the master is down before a failover starts.`, zh: `${sentinels} 个 Sentinel 中需 ${value} 个同意主节点下线才开始故障转移。` } };
    case 'down-after-milliseconds':
      if (value < SHORT_DOWN_AFTER_MS)
        return { ...base, code: 'down_after_short', level: 'destructive', text: { en: `${value} ms without a valid reply marks ${group.name} down: a slow fork, a long command or a short network stall can start a failover, and writes the old master takes meanwhile are lost.`, zh: `${value} 毫秒无有效响应即判定 ${group.name} 下线：一次较慢的 fork、长命令或短暂网络停顿都可能触发故障转移，旧主节点期间接受的写入会丢失。` } };
      return { ...base, code: 'down_after', level: 'safe', text: { en: `${group.name} is considered down after ${value} ms without a valid reply.`, zh: `${group.name} 在 ${value} 毫秒无有效响应后被判定下线。` } };
    case 'failover-timeout':
      return { ...base, code: 'failover_timeout', level: 'safe', text: { en: `A failover not finished within ${value} ms is abandoned; the same master is not failed over again before twice that.`, zh: `故障转移在 ${value} 毫秒内未完成即放弃；在此时间的两倍内不会再次对同一主节点故障转移。` } };
    case 'parallel-syncs':
      return value > 1
        ? { ...base, code: 'parallel_syncs_many', level: 'safe', text: { en: `${value} replicas resync with the new master at once after a failover: they are unavailable for reads while they load.`, zh: `故障转移后 ${value} 个从节点同时与新主节点重新同步：加载期间它们无法提供读取。` } }
        : { ...base, code: 'parallel_syncs', level: 'safe', text: { en: 'Replicas resync with the new master one at a time after a failover.', zh: '故障转移后从节点逐个与新主节点重新同步。' } };
  }
}

function setArgs(name: string, values: Values): string[] {
  return ['SENTINEL', 'SET', name, ...SETTING_NAMES.flatMap((k) => (values[k] === undefined ? [] : [k, String(values[k])]))];
}

function setStep(gate: SentinelGate, sentinelId: string, args: string[], timeoutMs: number): Step {
  return {
    nodeId: sentinelId,
    command: args.join(' '),
    why: { en: `Sentinel ${sentinelId} keeps its own copy of the settings and rewrites its config file.`, zh: `Sentinel ${sentinelId} 各自保存配置并改写自己的配置文件。` },
    timeoutMs,
    async run() {
      return String(await gate.commandOn(sentinelId, ...args));
    },
  };
}

function reachableCheck(readings: readonly SentinelReading[]): PreflightCheck {
  const down = readings.filter((r) => !r.master);
  return check(
    'sentinels_reachable',
    down.length === 0,
    down.length === 0
      ? `all ${readings.length} Sentinels answer SENTINEL MASTER`
      : `${down.map((r) => `${r.sentinelId} (${r.error ?? 'does not monitor it'})`).join(', ')}: a Sentinel that misses the change keeps the old values, and the group would act on two configurations`,
    down.length === 0 ? `全部 ${readings.length} 个 Sentinel 均响应` : `${down.map((r) => r.sentinelId).join('、')} 无响应：错过修改的 Sentinel 会保留旧值，组内配置将不一致`,
  );
}

function quorumCheck(quorum: number, count: number): PreflightCheck {
  const ok = quorum <= count;
  return check(
    'quorum_possible',
    ok,
    ok ? `quorum ${quorum} ≤ ${count} Sentinels` : `quorum ${quorum} > ${count} Sentinels: the master could never be flagged objectively down, so no failover would ever start`,
    ok ? `quorum ${quorum} ≤ ${count}` : `quorum ${quorum} 大于 Sentinel 数 ${count}：永远无法判定客观下线，故障转移不会发生`,
  );
}

export async function buildSentinelSet(ctx: BuildContext, target: string, params: ActionParams<'sentinel.set'>): Promise<BuiltPlan> {
  const managed = managedGroup(ctx, target);
  if (!managed) return { steps: [], preflight: [notManaged(target)], warnings: [], destructive: false, involved: [target], verify: () => Promise.resolve([]) };
  const { gate, group } = managed;
  const readings = await readMasters(gate, group.name, group.sentinelIds);
  const wanted: Values = params.settings;
  const names = SETTING_NAMES.filter((k) => wanted[k] !== undefined);
  const count = group.sentinelIds.length;
  const preflight = [reachableCheck(readings), idleCheck(group, readings), ...(wanted.quorum === undefined ? [] : [quorumCheck(wanted.quorum, count)])];
  const effects = names.map((k) => effectOf(k, wanted[k] as number, count, group));
  const old = new Map(readings.map((r) => [r.sentinelId, Object.fromEntries(names.map((k) => [k, r.master ? settingOf(r.master, k) : undefined])) as Values]));
  const warnings: Bilingual[] = names.map((k) => {
    const before = [...new Set(readings.flatMap((r) => (r.master ? [settingOf(r.master, k)] : [])))];
    return { en: `${k}: ${before.join(' / ') || '?'} → ${wanted[k]} on ${count} Sentinel(s)`, zh: `${k}：${before.join(' / ') || '?'} → ${wanted[k]}（${count} 个 Sentinel）` };
  });
  const args = setArgs(group.name, wanted);
  return {
    steps: group.sentinelIds.map((id) => setStep(gate, id, args, ctx.timeouts.commandMs)),
    preflight,
    warnings,
    effects,
    destructive: effects.some((e) => e.level === 'destructive'),
    involved: group.masterId ? [group.masterId] : [],
    async verify() {
      const after = await readMasters(gate, group.name, group.sentinelIds);
      return after.map((r) => {
        const wrong = names.filter((k) => !r.master || settingOf(r.master, k) !== wanted[k]);
        const seen = names.map((k) => `${k} ${r.master ? settingOf(r.master, k) : '?'}`).join(', ');
        return check('sentinel_readback', wrong.length === 0, `SENTINEL MASTER ${group.name} on ${r.sentinelId}: ${r.master ? seen : (r.error ?? 'no answer')}`, `${r.sentinelId} 上的 SENTINEL MASTER ${group.name}：${r.master ? seen : '无响应'}`);
      });
    },
    // Setting the old values again is harmless where the change never landed, so every
    // Sentinel gets them; one that does not answer is named.
    async rollback() {
      const done: string[] = [];
      const failed: string[] = [];
      for (const id of group.sentinelIds) {
        const before = old.get(id);
        if (!before || Object.values(before).some((v) => v === undefined)) continue;
        await gate.commandOn(id, ...setArgs(group.name, before)).then(
          () => done.push(id),
          () => failed.push(id),
        );
      }
      if (failed.length) throw new Error(`old values set back on ${done.join(', ') || 'no Sentinel'}, not on ${failed.join(', ')}`);
      return `old values set back on ${done.join(', ')}`;
    },
  };
}
