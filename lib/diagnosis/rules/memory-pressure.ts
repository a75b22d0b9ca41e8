// memory_pressure: used_memory against maxmemory, at the seed's §3.4 levels (>80 % warning,
// >95 % critical; thresholds from settings). Nodes without maxmemory (0) have no ratio to judge.
import type { Evidence } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import { bi, fmtBytes, infoFields, levelOf, metricEvidence, remedy, type Rule } from '../rule-kit';
import { findingKey } from '../finding-key';

export const memoryPressure: Rule = (input) => {
  const out: FindingCandidate[] = [];
  const s = input.settings;
  for (const view of input.nodes) {
    if (!view.reachable || !view.info) continue;
    const mem = view.info.sections.memory ?? {};
    const used = Number(mem.used_memory ?? NaN);
    const max = Number(mem.maxmemory ?? NaN);
    if (!Number.isFinite(used) || !Number.isFinite(max) || max <= 0) continue;
    const pct = Math.round((used / max) * 1000) / 10;
    const severity = levelOf(pct, s.memoryWarningPct, s.memoryCriticalPct);
    if (!severity) continue;
    const policy = mem.maxmemory_policy ?? 'unknown';
    const isReplica = view.info.replication.role === 'replica';
    const evidence: Evidence[] = [
      metricEvidence(
        view.id,
        'memoryPct',
        pct,
        severity === 'critical' ? s.memoryCriticalPct : s.memoryWarningPct,
        '%',
      ),
      ...infoFields(view, 'memory', [
        'used_memory',
        'maxmemory',
        'maxmemory_policy',
        'mem_total_replication_buffers',
        'mem_replication_backlog',
      ]),
      ...infoFields(view, 'stats', ['evicted_keys']),
    ];
    const effectEn =
      policy === 'noeviction'
        ? isReplica
          ? 'It is a replica, so by default (replica-ignore-maxmemory yes) it keeps applying the master’s writes and can grow past the limit.'
          : 'With maxmemory-policy noeviction, writes fail with OOM once the limit is reached.'
        : `With maxmemory-policy ${policy}, keys are evicted once the limit is reached.`;
    const effectZh =
      policy === 'noeviction'
        ? isReplica
          ? '它是从节点，默认（replica-ignore-maxmemory yes）会继续应用主节点的写入，可能超出限制。'
          : '在 maxmemory-policy noeviction 下，达到上限后写入会以 OOM 失败。'
        : `在 maxmemory-policy ${policy} 下，达到上限后会淘汰 key。`;
    out.push({
      key: findingKey({ kind: 'memory_pressure', subject: view.id }),
      kind: 'memory_pressure',
      severity,
      nodeId: view.id,
      title: bi(`${view.id} uses ${pct}% of maxmemory`, `${view.id} 内存使用率 ${pct}%`),
      detail: bi(
        `${view.id} uses ${fmtBytes(used)} of its ${fmtBytes(max)} maxmemory (${pct}%). ${effectEn} Replication buffers count too, and a full sync's fork needs copy-on-write headroom on the master.`,
        `${view.id} 已用 ${fmtBytes(used)}，maxmemory 为 ${fmtBytes(max)}（${pct}%）。${effectZh}复制缓冲区同样占用内存，且主节点全量同步时的 fork 需要写时复制的余量。`,
      ),
      evidence,
      remedy: remedy(
        `Free or add memory on ${view.id}: raise maxmemory if the host has room (60–70 % of physical RAM is a common ceiling), set TTLs on cache keys, or pick an eviction policy such as allkeys-lru for cache data. Keep replicas' maxmemory at least the master's.`,
        `为 ${view.id} 释放或增加内存：主机有余量时调大 maxmemory（常见上限为物理内存的 60–70%），为缓存类 key 设置过期时间，或为缓存数据选择 allkeys-lru 等淘汰策略。从节点的 maxmemory 应不小于主节点。`,
      ),
    });
  }
  return out;
};
