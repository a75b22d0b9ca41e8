// cluster_state_fail: CLUSTER INFO says `cluster_state:fail` — the cluster refuses queries.
// Which slots are not served and why: slots no shard lists (unassigned), and slots of a primary
// that is flagged FAIL with no replica left to promote (with cluster-require-full-coverage yes,
// the default, either stops the whole cluster). Seen from a minority partition, a node reports
// fail with every slot covered: the finding says so instead of inventing a cause.
import { findingHead } from '../rule-kit';
import type { Evidence } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import type { Rule } from '../rule-kit';
import { cNote, cRemedy, ct, isHealthyReplica, rangesText, unassignedSlots } from './cluster-kit';

export const clusterStateFail: Rule = (input) => {
  const cluster = input.topology.cluster;
  if (!cluster || cluster.state !== 'fail') return [];
  const unassigned = unassignedSlots(cluster);
  const failed = cluster.shards.filter((s) => s.slots.length && cluster.members.some((m) => m.id === s.primaryId && m.flags.includes('fail')));
  const why: string[] = [];
  const whyZh: string[] = [];
  const evidence: Evidence[] = [
    { type: 'field', nodeId: cluster.readFrom, section: 'cluster', field: 'cluster_state', value: cluster.state },
    { type: 'field', nodeId: cluster.readFrom, section: 'cluster', field: 'cluster_slots_assigned', value: String(cluster.slotsAssigned) },
    { type: 'field', nodeId: cluster.readFrom, section: 'cluster', field: 'cluster_slots_ok', value: String(cluster.slotsOk) },
  ];
  if (unassigned.length) {
    const t = ct('cluster.rule.stateFail.unassigned', { ranges: rangesText(unassigned) });
    why.push(t.en);
    whyZh.push(t.zh);
    evidence.push(cNote('cluster.rule.stateFail.unassigned', { ranges: rangesText(unassigned) }));
  }
  for (const s of failed) {
    const replica = s.replicaIds.find((id) => cluster.members.some((m) => m.id === id && isHealthyReplica(input, m)));
    const params = { ranges: rangesText(s.slots), primary: s.primaryId ?? '?', replica: replica ?? '' };
    const key = replica ? 'cluster.rule.stateFail.primaryFailover' : 'cluster.rule.stateFail.primaryFailed';
    const t = ct(key, params);
    why.push(t.en);
    whyZh.push(t.zh);
    evidence.push(cNote(key, params));
  }
  if (!why.length) {
    const t = ct('cluster.rule.stateFail.unknown');
    why.push(t.en);
    whyZh.push(t.zh);
  }
  const uncovered = 16384 - cluster.slotsOk;
  const title = ct('cluster.rule.stateFail.title', { count: uncovered });
  const en = ct('cluster.rule.stateFail.detail', { node: cluster.readFrom, why: why.join('; ') }).en;
  const zh = ct('cluster.rule.stateFail.detail', { node: cluster.readFrom, why: whyZh.join('；') }).zh;
  const finding: FindingCandidate = {
    ...findingHead('cluster_state_fail', 'cluster', 'critical'),
    nodeId: cluster.readFrom,
    title,
    detail: { en, zh },
    evidence,
    remedy: cRemedy('cluster.rule.stateFail.remedy', {}),
    ...(failed[0]?.primaryId ? { rootNodeId: failed[0].primaryId } : {}),
  };
  return [finding];
};
