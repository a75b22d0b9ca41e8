// sentinel_placement: every Sentinel on one host, or the master together with a majority of its
// Sentinels (one host failure takes the quorum with it, Redis docs "Sentinel deployment").
// split_brain_unguarded: a Sentinel-managed master with min-replicas-to-write 0 keeps accepting
// writes when it is cut off from its replicas; after Sentinel fails over they are lost.
import type { SentinelGroup } from '../../contracts';
import type { DiagnosisInput, FindingCandidate } from '../diagnosis-input';
import { findingHead, bi, configEvidence, noteEvidence, remedy, type Rule } from '../rule-kit';

const hostOf = (id: string) => id.slice(0, id.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1');

function placement(g: SentinelGroup): FindingCandidate | null {
  if (g.sentinelIds.length < 2) return null;
  const hosts = new Map<string, number>();
  for (const id of g.sentinelIds) hosts.set(hostOf(id), (hosts.get(hostOf(id)) ?? 0) + 1);
  const majority = Math.floor(g.sentinelIds.length / 2) + 1;
  const masterHost = g.masterId ? hostOf(g.masterId) : null;
  const allOnOne = hosts.size === 1;
  const withMaster = masterHost !== null && (hosts.get(masterHost) ?? 0) >= majority;
  if (!allOnOne && !withMaster) return null;
  const host = allOnOne ? [...hosts.keys()][0] : masterHost;
  return {
    ...findingHead('sentinel_placement', g.name, 'info'),
    ...(g.masterId ? { nodeId: g.masterId } : {}),
    title: bi(
      allOnOne ? `All Sentinels of ${g.name} run on ${host}` : `The master of ${g.name} shares ${host} with a majority of its Sentinels`,
      allOnOne ? `${g.name} 的所有 Sentinel 都运行在 ${host}` : `${g.name} 的主节点与多数 Sentinel 位于同一主机 ${host}`,
    ),
    detail: bi(
      `One failure of ${host} ${allOnOne ? 'silences every Sentinel' : 'takes the master and the Sentinel majority down together'}, so no failover can be authorised when it is needed most.`,
      `${host} 一旦故障，${allOnOne ? '所有 Sentinel 都会失联' : '主节点与多数 Sentinel 会同时下线'}，在最需要故障转移时却无法授权。`,
    ),
    evidence: g.sentinelIds.map((id) => noteEvidence(`Sentinel ${id}`, `Sentinel ${id}`)),
    remedy: remedy(
      'Run at least three Sentinels on hosts that fail independently (separate machines or availability zones), none of them beside the master if possible.',
      '在至少三台相互独立故障的主机（不同机器或可用区）上运行 Sentinel，尽量不要与主节点同机。',
    ),
  };
}

function unguarded(input: DiagnosisInput, g: SentinelGroup): FindingCandidate | null {
  const master = input.nodes.find((n) => n.id === g.masterId);
  const value = master?.config?.['min-replicas-to-write'];
  if (!master?.reachable || master.role !== 'master' || value === undefined || value !== '0') return null;
  return {
    ...findingHead('split_brain_unguarded', master.id, 'warning'),
    nodeId: master.id,
    title: bi(
      `${master.id} (Sentinel master ${g.name}) accepts writes with no replica: min-replicas-to-write 0`,
      `${master.id}（Sentinel 主节点 ${g.name}）在没有从节点时仍接受写入：min-replicas-to-write 为 0`,
    ),
    detail: bi(
      `If ${master.id} is cut off from its replicas and Sentinels, clients still connected keep writing to it while Sentinel promotes a replica elsewhere; when it comes back it is re-pointed and those writes are discarded (Redis docs, "Sentinel and data loss").`,
      `若 ${master.id} 与从节点和 Sentinel 网络隔离，仍连着它的客户端会继续写入，而 Sentinel 在别处提升了新主节点；它恢复后会被重新指向，这些写入将被丢弃（Redis 文档 "Sentinel and data loss"）。`,
    ),
    evidence: [configEvidence(master.id, 'min-replicas-to-write', value), ...(master.config?.['min-replicas-max-lag'] ? [configEvidence(master.id, 'min-replicas-max-lag', master.config['min-replicas-max-lag'])] : [])],
    remedy: remedy(
      `Set min-replicas-to-write 1 and min-replicas-max-lag 10 on ${master.id} and its replicas (a replica may become master): an isolated master then stops taking writes after 10 s.`,
      `在 ${master.id} 及其从节点（从节点可能成为主节点）上设置 min-replicas-to-write 1 和 min-replicas-max-lag 10：被隔离的主节点会在 10 秒后停止接受写入。`,
      'config.apply',
      { settings: { 'min-replicas-to-write': '1', 'min-replicas-max-lag': '10' } },
    ),
  };
}

export const sentinelRisk: Rule = (input) =>
  (input.topology.groups ?? []).flatMap((g) => [placement(g), unguarded(input, g)].filter((x): x is FindingCandidate => x !== null));
