// What config.apply's risk model reads from the node, live: its INFO (memory, keyspace,
// replication, persistence), the current values of the settings involved, and the replication
// stream rate the monitor measured. The effects themselves are computed in lib (pure).
import type { ActionEffect, Bilingual, PreflightCheck } from '../../../lib/contracts';
import { CONTEXT_SETTINGS, type ConfigState } from '../../../lib/actions/config-effects';
import { APPLICABLE_CONFIG } from '../../../lib/actions/config-values';
import { check } from '../checks';
import type { BuildContext, LiveNode } from '../types';

/** A full sync moves the dataset at this rate at best (RDB transfer and load, conservative). */
const SYNC_BYTES_PER_SECOND = 50 * 1024 * 1024;
const MIN_SYNC_SECONDS = 5;

/** Seconds a full sync of `node` would take: its last BGSAVE, then transfer and load of the RDB. */
export function syncSecondsEstimate(node: LiveNode): number {
  const bgsave = node.memory?.lastBgsaveSeconds ?? 0;
  const transfer = (2 * node.usedMemory) / SYNC_BYTES_PER_SECOND;
  return Math.max(MIN_SYNC_SECONDS, Math.ceil(bgsave + transfer));
}

export async function readValues(
  ctx: { live: BuildContext['live'] },
  target: string,
  names: readonly string[],
): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const n of names) out[n] = await ctx.live.configGet(target, n);
  return out;
}

/** The current values of the settings being changed and of those their effects depend on. */
export async function readCurrent(
  ctx: BuildContext,
  target: string,
  names: string[],
): Promise<Record<string, string | null>> {
  const wanted = [
    ...new Set([...names.filter((n) => APPLICABLE_CONFIG.has(n)), ...CONTEXT_SETTINGS]),
  ];
  return readValues(ctx, target, wanted);
}

export function configState(
  ctx: BuildContext,
  node: LiveNode,
  current: Record<string, string | null>,
): ConfigState {
  const m = node.memory;
  return {
    nodeId: node.id,
    role: node.role,
    usedMemory: node.usedMemory,
    notCountedForEvict: m?.notCountedForEvict ?? 0,
    datasetBytes: m?.datasetBytes ?? node.usedMemory,
    keys: node.keys,
    expiringKeys: m?.expiringKeys ?? 0,
    replicas: node.replicas.map((r) => ({ online: r.state === 'online', lag: r.lag })),
    backlogBytes: m?.backlogBytes ?? 0,
    replOffsetRate: ctx.replOffsetRate(node.id),
    syncSeconds: syncSecondsEstimate(node),
    outageSeconds: ctx.outageSeconds,
    current,
  };
}

/** A refused effect fails preflight; a destructive one passes but is said, and escalates. */
export function effectChecks(effects: ActionEffect[]): {
  preflight: PreflightCheck[];
  warnings: Bilingual[];
  destructive: boolean;
} {
  const preflight: PreflightCheck[] = [];
  const warnings: Bilingual[] = [];
  for (const e of effects) {
    if (e.level === 'refused') preflight.push(check(e.code, false, e.text.en, e.text.zh));
    if (e.level === 'destructive') {
      preflight.push(check(e.code, true, e.text.en, e.text.zh));
      warnings.push(e.text);
    }
  }
  const refused = effects.filter((e) => e.level === 'refused').length;
  preflight.push(
    check(
      'config_effects',
      refused === 0,
      refused
        ? `${refused} of ${effects.length} setting(s) refused for what they would do to this node`
        : `effect of each setting computed from the node's live INFO and CONFIG`,
      refused
        ? `${effects.length} 项配置中有 ${refused} 项因其对该节点的影响被拒绝`
        : '已根据节点实时 INFO 与 CONFIG 计算每项配置的影响',
    ),
  );
  return { preflight, warnings, destructive: effects.some((e) => e.level === 'destructive') };
}
