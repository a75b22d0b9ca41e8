// Effects on memory and on the replication output buffer: evictions, -OOM, a replica cut off
// during every sync. Computed from the node's live figures (see config-effects.ts).
import { fmtBytes } from '../diagnosis/rule-kit';
import { parseMemory } from './config-values';
import { bi, EVICTING, setting, type ConfigState, type Draft } from './config-effect-kit';

export function memoryEffect(s: Record<string, string>, st: ConfigState): Draft | null {
  const limit = parseMemory(setting('maxmemory', s, st) ?? '0');
  const policy = (setting('maxmemory-policy', s, st) ?? 'noeviction').toLowerCase();
  if (limit === null || limit < 0)
    return {
      code: 'config_value',
      level: 'refused',
      text: bi(
        `maxmemory ${s.maxmemory}: not a size Redis reads`,
        `maxmemory ${s.maxmemory}：不是有效的内存大小`,
      ),
    };
  if (limit === 0)
    return {
      code: 'memory_unlimited',
      level: 'safe',
      text: bi(
        'No memory limit: nothing is evicted and writes are not refused for memory.',
        '不限制内存：不会淘汰数据，也不会因内存拒绝写入。',
      ),
    };
  // used_memory plus the replication/AOF buffers Redis leaves out of the limit: they grow during
  // a sync, so a limit that only just clears used_memory evicts at the next full sync.
  const floor = st.usedMemory + st.notCountedForEvict;
  const used =
    st.notCountedForEvict > 0
      ? `${fmtBytes(st.usedMemory)} + ${fmtBytes(st.notCountedForEvict)} of buffers`
      : fmtBytes(st.usedMemory);
  const usedZh =
    st.notCountedForEvict > 0
      ? `${fmtBytes(st.usedMemory)} + 缓冲区 ${fmtBytes(st.notCountedForEvict)}`
      : fmtBytes(st.usedMemory);
  if (limit > floor) {
    const room = fmtBytes(limit - floor);
    return {
      code: 'memory_headroom',
      level: 'safe',
      text: bi(
        `Limit ${fmtBytes(limit)} is above used_memory ${used} (${room} of room); nothing is evicted now.`,
        `上限 ${fmtBytes(limit)} 高于当前 used_memory ${usedZh}（余量 ${room}），现在不会淘汰数据。`,
      ),
    };
  }
  const excess = floor - limit;
  const replicaNote =
    st.role === 'replica' && st.current['replica-ignore-maxmemory'] !== 'no'
      ? bi(
          ' This replica ignores maxmemory (replica-ignore-maxmemory yes) until it is promoted; then it applies at once.',
          ' 该从节点在被提升前忽略 maxmemory（replica-ignore-maxmemory yes），提升后立即生效。',
        )
      : st.role === 'master' && st.replicas.length
        ? bi(
            ` Evictions reach the ${st.replicas.length} replica(s) as DEL: they lose the same keys.`,
            ` 淘汰会以 DEL 传播到 ${st.replicas.length} 个从节点：它们丢失同样的 key。`,
          )
        : bi('', '');
  const share = st.datasetBytes > 0 ? Math.min(1, excess / st.datasetBytes) : 1;
  const wanted = Math.ceil(st.keys * share);
  const candidates = policy.startsWith('volatile-') ? st.expiringKeys : st.keys;
  if (EVICTING.test(policy) && candidates > 0) {
    const evictKeys = Math.min(candidates, wanted);
    return {
      code: 'maxmemory_evicts',
      level: 'forceable',
      evictKeys,
      evictBytes: excess,
      text: bi(
        `DATA LOSS: limit ${fmtBytes(limit)} is at or under used_memory ${used}; with ${policy} Redis deletes keys at once until ${fmtBytes(excess)} is freed — about ${evictKeys} of ${st.keys} keys — and keeps deleting on every write.${replicaNote.en}`,
        `数据丢失：上限 ${fmtBytes(limit)} 不高于 used_memory ${usedZh}；在 ${policy} 策略下 Redis 会立即删除 key，直到释放 ${fmtBytes(excess)}——约 ${st.keys} 个中的 ${evictKeys} 个——并在每次写入时继续删除。${replicaNote.zh}`,
      ),
    };
  }
  return {
    code: 'maxmemory_blocks_writes',
    level: 'forceable',
    evictBytes: excess,
    text: bi(
      `WRITES FAIL: limit ${fmtBytes(limit)} is at or under used_memory ${used} and ${policy}${policy.startsWith('volatile-') ? ' finds no key with a TTL to evict' : ' evicts nothing'}: every write command gets -OOM until ${fmtBytes(excess)} is freed by hand.${replicaNote.en}`,
      `写入失败：上限 ${fmtBytes(limit)} 不高于 used_memory ${usedZh}，且 ${policy}${policy.startsWith('volatile-') ? ' 找不到带 TTL 的 key 可淘汰' : ' 不淘汰任何数据'}：在手动释放 ${fmtBytes(excess)} 之前，每个写命令都返回 -OOM。${replicaNote.zh}`,
    ),
  };
}

/** `replica <hard> <soft> <seconds>` must hold the stream of a whole sync, and never less than the backlog. */
export function outputBufferEffect(value: string, st: ConfigState): Draft {
  const t = value.trim().split(/\s+/);
  const classes = t.filter((_, i) => i % 4 === 0).map((c) => c.toLowerCase());
  if (t.length === 0 || t.length % 4 !== 0 || classes.some((c) => c !== 'replica' && c !== 'slave'))
    return {
      code: 'config_value',
      level: 'refused',
      text: bi(
        `"${value}": only "replica <hard> <soft> <seconds>" is managed here (other classes cut off ordinary clients)`,
        `"${value}"：此处只管理 "replica <硬限制> <软限制> <秒>"（其他类别会断开普通客户端）`,
      ),
    };
  const [hard, soft] = [parseMemory(t[1] ?? ''), parseMemory(t[2] ?? '')];
  const seconds = Number(t[3]);
  if (
    hard === null ||
    soft === null ||
    hard < 0 ||
    soft < 0 ||
    !Number.isInteger(seconds) ||
    seconds < 0
  )
    return {
      code: 'config_value',
      level: 'refused',
      text: bi(
        `"${value}": limits must be sizes and seconds a whole number`,
        `"${value}"：限制必须是内存大小，秒数必须是整数`,
      ),
    };
  const stream = st.replOffsetRate !== null ? st.replOffsetRate * st.syncSeconds : 0;
  const need = Math.max(st.backlogBytes, stream);
  const how =
    st.replOffsetRate !== null
      ? bi(
          `${fmtBytes(st.replOffsetRate)}/s of replication stream × ${st.syncSeconds} s of full sync = ${fmtBytes(stream)}; backlog ${fmtBytes(st.backlogBytes)}`,
          `复制流 ${fmtBytes(st.replOffsetRate)}/秒 × 全量同步 ${st.syncSeconds} 秒 = ${fmtBytes(stream)}；积压缓冲区 ${fmtBytes(st.backlogBytes)}`,
        )
      : bi(
          `write rate not measured yet; backlog ${fmtBytes(st.backlogBytes)}`,
          `尚未测得写入速率；积压缓冲区 ${fmtBytes(st.backlogBytes)}`,
        );
  const hardShort = hard > 0 && hard < need;
  const softShort = soft > 0 && soft < need && seconds < st.syncSeconds;
  if (hardShort || softShort)
    return {
      code: 'output_buffer_breaks_replication',
      level: 'refused',
      text: bi(
        `BREAKS REPLICATION: a replica needs ${fmtBytes(need)} of output buffer (${how.en}); ${hardShort ? `hard limit ${fmtBytes(hard)}` : `soft limit ${fmtBytes(soft)} for ${seconds} s`} disconnects it during every full sync, so it never finishes (resync loop).`,
        `破坏复制：从节点需要 ${fmtBytes(need)} 输出缓冲区（${how.zh}）；${hardShort ? `硬限制 ${fmtBytes(hard)}` : `软限制 ${fmtBytes(soft)} 持续 ${seconds} 秒`}会在每次全量同步中断开它，同步永远无法完成（反复全量同步）。`,
      ),
    };
  return {
    code: 'output_buffer_ok',
    level: 'safe',
    text: bi(
      `Holds what a sync needs: ${fmtBytes(need)} (${how.en}).`,
      `足以容纳一次同步所需的 ${fmtBytes(need)}（${how.zh}）。`,
    ),
  };
}
