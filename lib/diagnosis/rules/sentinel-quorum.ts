// sentinel_quorum_lost: Sentinel cannot fail over this master. SENTINEL CKQUORUM fails, or fewer
// Sentinels are reachable than the quorum or than a majority of those that watch it (Redis docs,
// "Sentinel quorum": a failover needs the quorum to agree on ODOWN and a majority to elect a
// leader). sentinel_tilt: a Sentinel in TILT mode only watches, it does not act.
import type { Evidence } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import { findingHead, bi, noteEvidence, remedy, type Rule } from '../rule-kit';
import { findingKey } from '../finding-key';

export const sentinelQuorumLost: Rule = (input) => {
  const out: FindingCandidate[] = [];
  for (const g of input.topology.groups ?? []) {
    const total = g.sentinelIds.length;
    const reachable = g.reachableSentinelIds?.length ?? 0;
    const majority = Math.floor(total / 2) + 1;
    const quorum = g.quorum ?? 0;
    const short = reachable < quorum || reachable < majority;
    if (g.ckquorum.ok && !short) continue;
    const down = g.sentinelIds.filter((id) => !g.reachableSentinelIds?.includes(id));
    const evidence: Evidence[] = [
      noteEvidence(
        `${reachable} of ${total} Sentinels reachable; quorum ${quorum}, majority ${majority}.`,
        `${total} 个 Sentinel 中 ${reachable} 个可连接；法定人数 ${quorum}，多数为 ${majority}。`,
      ),
      noteEvidence(`SENTINEL CKQUORUM ${g.name}: ${g.ckquorum.message}`, `SENTINEL CKQUORUM ${g.name}：${g.ckquorum.message}`),
    ];
    if (down.length) evidence.push(noteEvidence(`Not answering: ${down.join(', ')}`, `无响应：${down.join(', ')}`));
    out.push({
      ...findingHead('sentinel_quorum_lost', g.name, 'critical'),
      ...(g.masterId ? { nodeId: g.masterId } : {}),
      title: bi(
        `Sentinel cannot fail over ${g.name}: ${reachable} of ${total} Sentinels reachable`,
        `Sentinel 无法对 ${g.name} 故障转移：${total} 个 Sentinel 中 ${reachable} 个可连接`,
      ),
      detail: bi(
        `A failover of ${g.name} needs ${quorum} Sentinel(s) to agree the master is down and a majority (${majority} of ${total}) to elect a leader. ${reachable} answer. If ${g.masterId ?? 'the master'} fails now, nobody promotes a replica: writes stop until a person intervenes.`,
        `${g.name} 的故障转移需要 ${quorum} 个 Sentinel 同意主节点下线，并由多数（${total} 个中的 ${majority} 个）选出领导者。目前只有 ${reachable} 个响应。若 ${g.masterId ?? '主节点'} 此时故障，没有人会提升从节点：写入将停止，直到人工介入。`,
      ),
      evidence,
      remedy: remedy(
        `Bring the Sentinels back (${down.join(', ') || 'see SENTINEL CKQUORUM'}) or start new ones with "sentinel monitor ${g.name} …" on separate hosts, then check SENTINEL CKQUORUM ${g.name} answers OK.`,
        `恢复这些 Sentinel（${down.join(', ') || '见 SENTINEL CKQUORUM'}），或在其他主机上用 "sentinel monitor ${g.name} …" 启动新的 Sentinel，然后确认 SENTINEL CKQUORUM ${g.name} 返回 OK。`,
      ),
    });
  }
  return out;
};

export const sentinelTilt: Rule = (input) =>
  (input.topology.sentinels ?? [])
    .filter((s) => s.reachable && s.tilt)
    .map((s) => ({
      key: findingKey({ kind: 'sentinel_tilt', subject: s.id }),
      kind: 'sentinel_tilt' as const,
      severity: 'warning' as const,
      title: bi(`Sentinel ${s.id} is in TILT mode`, `Sentinel ${s.id} 处于 TILT 模式`),
      detail: bi(
        `${s.id} reports sentinel_tilt:1: its clock jumped or the process stalled, so for 30 s it only watches and takes no part in failovers (Redis docs, "TILT mode"). Frequent TILT means an overloaded host or clock steps.`,
        `${s.id} 报告 sentinel_tilt:1：时钟跳变或进程停顿，接下来 30 秒它只观察、不参与故障转移（Redis 文档 "TILT mode"）。频繁进入 TILT 说明主机过载或时钟被调整。`,
      ),
      evidence: [noteEvidence(`INFO sentinel on ${s.id}: sentinel_tilt:1`, `${s.id} 的 INFO sentinel：sentinel_tilt:1`)],
      remedy: remedy(
        `Check the host of ${s.id} for CPU starvation, swapping or clock adjustments (use a slewing NTP client); it leaves TILT by itself after 30 s of normal timing.`,
        `检查 ${s.id} 所在主机是否 CPU 不足、发生换页或时钟被调整（使用平滑调整的 NTP 客户端）；时钟恢复正常 30 秒后它会自动退出 TILT。`,
      ),
    }));
