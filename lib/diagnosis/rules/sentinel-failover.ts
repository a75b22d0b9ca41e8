// failover_in_progress / failover_failed: what Sentinel's own events say about its failover of a
// master (`+try-failover` … `+switch-master`, `-failover-abort-*`, `+failover-end-for-timeout`).
import type { SentinelFailover, SentinelGroup } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import { findingHead, bi, noteEvidence, remedy, type Rule } from '../rule-kit';

/** A failed failover stays a finding this long after Sentinel gave up. */
const FAILED_SHOWN_MS = 10 * 60_000;
/**
 * A finished failover stays open this long, so even a 1-second failover becomes an incident
 * ("Sentinel failover of <name>: A → B") with its phases, then resolves by itself.
 */
const DONE_SHOWN_MS = 30_000;

const phasesText = (f: SentinelFailover) => f.phases.map((p) => `${p.type} +${(p.sincePrevMs / 1000).toFixed(1)} s`).join(', ');

function inProgress(g: SentinelGroup, f: SentinelFailover, now: number): FindingCandidate {
  const to = f.to ?? '…';
  const done = f.state === 'done';
  const secs = (((done ? (f.endedAt ?? now) : now) - f.startedAt) / 1000).toFixed(1);
  const detail = done
    ? bi(
        `Sentinel failed ${g.name} over from ${f.from} to ${to} in ${secs} s. Phases: ${phasesText(f)}.`,
        `Sentinel 已在 ${secs} 秒内把 ${g.name} 从 ${f.from} 转移到 ${to}。阶段：${phasesText(f)}。`,
      )
    : bi(
        `Sentinel is failing over ${g.name} for ${secs} s. Until +switch-master, clients asking Sentinel still get ${f.from}. Phases so far: ${phasesText(f)}.`,
        `Sentinel 正在对 ${g.name} 进行故障转移，已持续 ${secs} 秒。在 +switch-master 之前，向 Sentinel 询问的客户端仍会得到 ${f.from}。已完成阶段：${phasesText(f)}。`,
      );
  return {
    ...findingHead('failover_in_progress', g.name, 'warning'),
    nodeId: f.from,
    rootNodeId: f.from,
    title: bi(`Sentinel failover of ${g.name}: ${f.from} → ${to}`, `Sentinel 对 ${g.name} 的故障转移：${f.from} → ${to}`),
    detail,
    evidence: f.phases.map((p) => noteEvidence(`${p.type} at ${new Date(p.at).toISOString()}`, `${p.type} 于 ${new Date(p.at).toISOString()}`)),
    remedy: remedy(
      `Let Sentinel finish; do not re-point replicas by hand meanwhile (Sentinel would undo it). If it takes longer than failover-timeout (${g.failoverTimeoutMs ?? '?'} ms), look at the replicas' replica-priority and links.`,
      `让 Sentinel 完成转移；期间不要手动调整从节点（Sentinel 会撤销）。若超过 failover-timeout（${g.failoverTimeoutMs ?? '?'} ms），请检查从节点的 replica-priority 与复制链路。`,
    ),
  };
}

function failed(g: SentinelGroup, f: SentinelFailover): FindingCandidate {
  const noReplica = f.reason === '-failover-abort-no-good-slave';
  const why = noReplica
    ? bi('no replica was eligible (all down, disconnected too long, or replica-priority 0)', '没有合格的从节点（全部下线、断开过久或 replica-priority 为 0）')
    : bi(`Sentinel reported ${f.reason ?? 'an abort'}`, `Sentinel 报告 ${f.reason ?? '中止'}`);
  return {
    ...findingHead('failover_failed', g.name, 'critical'),
    nodeId: f.from,
    rootNodeId: f.from,
    title: bi(`Sentinel failover of ${g.name} failed: ${why.en}`, `Sentinel 对 ${g.name} 的故障转移失败：${why.zh}`),
    detail: bi(
      `Sentinel tried to fail over ${g.name} away from ${f.from} and gave up: ${why.en}. Phases: ${phasesText(f)}.`,
      `Sentinel 试图把 ${g.name} 从 ${f.from} 转移出去但放弃了：${why.zh}。阶段：${phasesText(f)}。`,
    ),
    evidence: [noteEvidence(`${f.reason ?? 'abort'} at ${new Date(f.endedAt ?? f.startedAt).toISOString()}`, `${f.reason ?? '中止'} 于 ${new Date(f.endedAt ?? f.startedAt).toISOString()}`)],
    remedy: remedy(
      noReplica
        ? `Give at least one healthy replica a replica-priority above 0 with its link up, then Sentinel retries after failover-timeout; or restore ${f.from}.`
        : `Check SENTINEL MASTER ${g.name} and the Sentinels' logs; Sentinel retries after failover-timeout (${g.failoverTimeoutMs ?? '?'} ms).`,
      noReplica
        ? `让至少一个健康、链路正常的从节点 replica-priority 大于 0，Sentinel 会在 failover-timeout 后重试；或恢复 ${f.from}。`
        : `检查 SENTINEL MASTER ${g.name} 与 Sentinel 日志；Sentinel 会在 failover-timeout（${g.failoverTimeoutMs ?? '?'} ms）后重试。`,
    ),
  };
}

export const sentinelFailover: Rule = (input) => {
  const out: FindingCandidate[] = [];
  for (const g of input.topology.groups ?? []) {
    const f = g.failover;
    if (!f) continue;
    // A failover that never ended is stale after twice its timeout (we missed the end event).
    const staleAfter = 2 * (g.failoverTimeoutMs ?? 180_000);
    if (f.state === 'in_progress' && input.now - f.startedAt < staleAfter) out.push(inProgress(g, f, input.now));
    if (f.state === 'done' && input.now - (f.endedAt ?? f.startedAt) < DONE_SHOWN_MS) out.push(inProgress(g, f, input.now));
    if (f.state === 'failed' && input.now - (f.endedAt ?? f.startedAt) < FAILED_SHOWN_MS) out.push(failed(g, f));
  }
  return out;
};
