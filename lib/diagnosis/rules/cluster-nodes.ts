// Redis Cluster membership:
// - node_failed: a member flagged PFAIL (some node lost it for cluster-node-timeout) or FAIL
//   (a majority of primaries agreed), with how many slot-serving primaries flag it. Critical for
//   a FAIL primary, warning otherwise (a PFAIL clears itself or turns into FAIL).
// - epoch_collision: two slot-serving primaries with one config epoch. Redis bumps one of them
//   on its own (cluster-spec "configEpoch conflicts resolution"); one that lasts means the two
//   do not exchange bus messages. The tracker's hysteresis keeps a passing collision quiet.
import { findingHead } from '../rule-kit';
import type { ClusterMember } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import type { Rule } from '../rule-kit';
import { cRemedy, ct } from './cluster-kit';

export const nodeFailed: Rule = (input) => {
  const cluster = input.topology.cluster;
  if (!cluster) return [];
  return cluster.members
    .filter((m) => m.flags.includes('fail') || m.flags.includes('pfail'))
    .map((m): FindingCandidate => {
      const isFail = m.flags.includes('fail');
      const name = m.id ?? m.nodeId.slice(0, 12);
      const role = ct(m.role === 'primary' ? 'cluster.view.primary' : 'cluster.view.replica');
      const meaning = ct(isFail ? 'cluster.rule.failed.fail' : 'cluster.rule.failed.pfail');
      const note = m.role === 'primary' ? ct('cluster.rule.failed.primaryNote') : { en: '', zh: '' };
      const params = { node: name, flag: isFail ? 'FAIL' : 'PFAIL', reports: m.failReports, asked: m.primariesAsked };
      return {
        ...findingHead('node_failed', m.nodeId, isFail && m.role === 'primary' ? 'critical' : 'warning'),
        ...(m.id ? { nodeId: m.id, rootNodeId: m.id } : {}),
        title: { en: ct('cluster.rule.failed.title', { ...params, role: role.en }).en, zh: ct('cluster.rule.failed.title', { ...params, role: role.zh }).zh },
        detail: {
          en: ct('cluster.rule.failed.detail', { ...params, meaning: meaning.en + note.en }).en,
          zh: ct('cluster.rule.failed.detail', { ...params, meaning: meaning.zh + note.zh }).zh,
        },
        evidence: [
          { type: 'note', text: { en: `CLUSTER NODES flags: ${m.flags.join(',')}; link ${m.linkState ?? '?'}; health ${m.health}`, zh: `CLUSTER NODES 标志：${m.flags.join(',')}；连接 ${m.linkState ?? '?'}；health ${m.health}` } },
          { type: 'note', text: { en: `${m.failReports}/${m.primariesAsked} primaries flag it`, zh: `${m.primariesAsked} 个主节点中 ${m.failReports} 个标记了它` } },
        ],
        remedy: cRemedy('cluster.rule.failed.remedy', {}),
      };
    });
};

export const epochCollision: Rule = (input) => {
  const cluster = input.topology.cluster;
  if (!cluster) return [];
  const byEpoch = new Map<number, ClusterMember[]>();
  for (const m of cluster.members) {
    const serves = cluster.shards.some((s) => s.primaryId === m.id && s.slots.length > 0);
    if (m.role !== 'primary' || !serves || !m.configEpoch) continue;
    byEpoch.set(m.configEpoch, [...(byEpoch.get(m.configEpoch) ?? []), m]);
  }
  return [...byEpoch].flatMap(([epoch, ms]): FindingCandidate[] => {
    if (ms.length < 2) return [];
    const ids = ms.map((m) => m.id ?? m.nodeId.slice(0, 12)).sort();
    const params = { nodes: ids.join(', '), epoch };
    return [
      {
        ...findingHead('epoch_collision', String(epoch), 'warning'),
        ...(ms[0]?.id ? { nodeId: ms[0].id } : {}),
        title: ct('cluster.rule.epoch.title', params),
        detail: ct('cluster.rule.epoch.detail', params),
        evidence: ms.map((m) => ({ type: 'note' as const, text: { en: `${m.id ?? m.nodeId}: config epoch ${m.configEpoch}`, zh: `${m.id ?? m.nodeId}：配置纪元 ${m.configEpoch}` } })),
        remedy: cRemedy('cluster.rule.epoch.remedy', {}),
      },
    ];
  });
};
