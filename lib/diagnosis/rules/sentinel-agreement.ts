// sentinel_disagreement: the Sentinels of one group name different masters, or Sentinel's master
// is not the node that says it is master (split brain risk: clients asking Sentinel and clients
// with a fixed address write to different nodes). sentinel_unmonitored_replica: a node
// replicating from Sentinel's master that Sentinel does not list (never promoted, never
// re-pointed), or a listed replica that is gone.
import type { Evidence, SentinelGroup } from '../../contracts';
import type { DiagnosisInput, FindingCandidate } from '../diagnosis-input';
import { findingHead, bi, noteEvidence, remedy, type Rule } from '../rule-kit';
import { findingKey } from '../finding-key';

function disagreement(input: DiagnosisInput, g: SentinelGroup): FindingCandidate | null {
  if (!g.masterId || g.failover?.state === 'in_progress') return null;
  const views = g.masterViews ?? [];
  const named = [...new Set(views.map((v) => v.masterId))];
  const nodes = new Map(input.nodes.map((n) => [n.id, n]));
  const master = nodes.get(g.masterId);
  const listed = new Set((g.replicas ?? []).map((r) => r.id));
  const selfMasters = input.nodes.filter((n) => n.reachable && n.role === 'master' && listed.has(n.id));
  const masterIsReplica = master?.reachable === true && master.role === 'replica';
  if (named.length < 2 && !masterIsReplica && !selfMasters.length) return null;
  const evidence: Evidence[] = views.map((v) =>
    noteEvidence(`${v.sentinelId} names ${v.masterId} as master of ${g.name}`, `${v.sentinelId} 认为 ${g.name} 的主节点是 ${v.masterId}`),
  );
  if (masterIsReplica) evidence.push({ type: 'field', nodeId: g.masterId, section: 'replication', field: 'role', value: 'slave' });
  for (const n of selfMasters) evidence.push({ type: 'field', nodeId: n.id, section: 'replication', field: 'role', value: 'master' });
  const others = [...named.filter((m) => m !== g.masterId), ...selfMasters.map((n) => n.id)];
  return {
    ...findingHead('sentinel_disagreement', g.name, 'critical'),
    nodeId: g.masterId,
    title: bi(
      `Sentinel and the nodes disagree on the master of ${g.name}: ${[g.masterId, ...others].join(' vs ')}`,
      `Sentinel 与节点对 ${g.name} 的主节点看法不一：${[g.masterId, ...others].join(' 对 ')}`,
    ),
    detail: bi(
      `Sentinel's answer for ${g.name} is ${g.masterId}${masterIsReplica ? ', but that node reports role replica' : ''}${others.length ? `; ${others.join(', ')} also act or are named as master` : ''}. Clients that ask Sentinel and clients with a fixed address may write to different nodes: a split brain in the making.`,
      `Sentinel 对 ${g.name} 的回答是 ${g.masterId}${masterIsReplica ? '，但该节点报告自己是从节点' : ''}${others.length ? `；${others.join(', ')} 也作为或被认作主节点` : ''}。向 Sentinel 询问的客户端与使用固定地址的客户端可能写入不同节点：这是脑裂的前兆。`,
    ),
    evidence,
    remedy: remedy(
      `Check SENTINEL MASTERS on every Sentinel and ROLE on each node. If one Sentinel lags behind, SENTINEL RESET ${g.name} on it; if a node claims master outside Sentinel's view, re-point it under ${g.masterId}.`,
      `在每个 Sentinel 上检查 SENTINEL MASTERS，并在每个节点上检查 ROLE。若某个 Sentinel 落后，在其上执行 SENTINEL RESET ${g.name}；若某节点在 Sentinel 视图之外自称主节点，把它重新指向 ${g.masterId}。`,
    ),
  };
}

function unmonitored(input: DiagnosisInput, g: SentinelGroup): FindingCandidate[] {
  if (!g.masterId || !g.replicas || g.failover?.state === 'in_progress') return [];
  const listed = new Map(g.replicas.map((r) => [r.id, r]));
  const out: FindingCandidate[] = [];
  for (const l of input.topology.links.filter((x) => x.upstream === g.masterId && !listed.has(x.replica))) {
    out.push({
      ...findingHead('sentinel_unmonitored_replica', l.replica, 'warning'),
      nodeId: l.replica,
      link: { upstream: l.upstream, replica: l.replica },
      title: bi(`${l.replica} replicates from ${g.masterId} but Sentinel does not list it`, `${l.replica} 从 ${g.masterId} 复制，但 Sentinel 没有列出它`),
      detail: bi(
        `SENTINEL REPLICAS ${g.name} does not name ${l.replica}: Sentinel will neither promote it nor re-point it after a failover, so it may keep replicating from a dead master. Often an address announced differently (replica-announce-ip) or a Sentinel that has not yet seen it.`,
        `SENTINEL REPLICAS ${g.name} 中没有 ${l.replica}：故障转移时 Sentinel 既不会提升它，也不会重新指向它，它可能继续从已失效的主节点复制。常见原因是通告地址不同（replica-announce-ip）或 Sentinel 尚未发现它。`,
      ),
      evidence: [noteEvidence(`SENTINEL REPLICAS ${g.name}: ${[...listed.keys()].join(', ') || 'none'}`, `SENTINEL REPLICAS ${g.name}：${[...listed.keys()].join(', ') || '无'}`)],
      remedy: remedy(
        `Make the address ${l.replica} reports match what Sentinel can reach (replica-announce-ip/port), or run SENTINEL RESET ${g.name} on each Sentinel so they rediscover the replicas.`,
        `让 ${l.replica} 通告的地址与 Sentinel 可访问的地址一致（replica-announce-ip/port），或在每个 Sentinel 上执行 SENTINEL RESET ${g.name} 让它们重新发现从节点。`,
      ),
    });
  }
  const nodes = new Map(input.nodes.map((n) => [n.id, n]));
  for (const r of g.replicas) {
    const node = nodes.get(r.id);
    if (!r.flags.includes('s_down') || node?.reachable) continue;
    out.push({
      key: findingKey({ kind: 'sentinel_unmonitored_replica', variant: 'gone', subject: r.id }),
      kind: 'sentinel_unmonitored_replica',
      severity: 'info',
      nodeId: r.id,
      title: bi(`Sentinel still lists ${r.id}, which is down`, `Sentinel 仍列出已下线的 ${r.id}`),
      detail: bi(
        `${r.id} is in SENTINEL REPLICAS ${g.name} with flags ${r.flags.join(',')} and does not answer. Sentinel keeps it until it returns (then re-points it) or until SENTINEL RESET.`,
        `${r.id} 在 SENTINEL REPLICAS ${g.name} 中，标志为 ${r.flags.join(',')}，且无响应。Sentinel 会保留它直到它恢复（届时重新指向）或执行 SENTINEL RESET。`,
      ),
      evidence: [noteEvidence(`flags: ${r.flags.join(',')}`, `标志：${r.flags.join(',')}`)],
      remedy: remedy(
        `Restart ${r.id} (Sentinel re-points it under ${g.masterId}) or, if it is gone for good, run SENTINEL RESET ${g.name} on each Sentinel, one at a time.`,
        `重启 ${r.id}（Sentinel 会把它重新指向 ${g.masterId}）；若它已永久下线，在每个 Sentinel 上逐个执行 SENTINEL RESET ${g.name}。`,
      ),
    });
  }
  return out;
}

export const sentinelAgreement: Rule = (input) =>
  (input.topology.groups ?? []).flatMap((g) => [...[disagreement(input, g)].filter((x): x is FindingCandidate => x !== null), ...unmonitored(input, g)]);
