// Shared helpers of the Redis Cluster rules: texts from the cluster i18n part in both languages,
// slot ranges, and which members count as healthy. Pure.
import type { Bilingual, Cluster, ClusterMember, Evidence, Remedy, SlotRange } from '../../contracts';
import { translate, type MessageKey, type MessageParams } from '../../i18n';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import type { DiagnosisInput } from '../diagnosis-input';
import { bi, remedy } from '../rule-kit';

export const ct = (key: MessageKey, params?: MessageParams): Bilingual => bi(translate(en, key, params), translate(zhCN, key, params));

export function cRemedy(key: MessageKey, params: MessageParams, actionId?: string, actionParams?: Record<string, unknown>): Remedy {
  const b = ct(key, params);
  return remedy(b.en, b.zh, actionId, actionParams);
}

export const cNote = (key: MessageKey, params?: MessageParams): Evidence => ({ type: 'note', text: ct(key, params) });

export function rangesText(ranges: SlotRange[]): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ');
}

/** Slots 0–16383 that no shard lists. */
export function unassignedSlots(cluster: Cluster): SlotRange[] {
  const covered = cluster.shards.flatMap((s) => s.slots).sort((x, y) => x[0] - y[0]);
  const out: SlotRange[] = [];
  let next = 0;
  for (const [a, b] of covered) {
    if (a > next) out.push([next, a - 1]);
    next = Math.max(next, b + 1);
  }
  if (next <= 16383) out.push([next, 16383]);
  return out;
}

export const isDown = (m: ClusterMember): boolean => m.flags.includes('fail') || m.flags.includes('pfail') || m.health === 'fail' || m.health === 'failed';

/** A replica that could take over: the cluster does not flag it and we can reach it (when we poll it). */
export function isHealthyReplica(input: DiagnosisInput, m: ClusterMember): boolean {
  if (m.role !== 'replica' || isDown(m)) return false;
  const node = m.id ? input.nodes.find((n) => n.id === m.id) : undefined;
  return node ? node.reachable : true;
}

export function memberById(cluster: Cluster, id: string | null): ClusterMember | undefined {
  return id ? cluster.members.find((m) => m.id === id) : undefined;
}

/** A numeric CONFIG GET value of one node; undefined when not read. */
export function configNumber(input: DiagnosisInput, nodeId: string, name: string): number | undefined {
  const raw = input.nodes.find((n) => n.id === nodeId)?.config?.[name];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Loopback hosts: a cluster on one machine is colocated by construction (a sandbox, a laptop). */
export const isLoopback = (host: string): boolean => host === 'localhost' || host.startsWith('127.') || host === '::1' || host === '[::1]';

export function hostOf(id: string): string {
  return id.slice(0, id.lastIndexOf(':'));
}
