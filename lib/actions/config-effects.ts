// The risk model of config.apply: what each setting would do to THIS node, computed from its
// live INFO and CONFIG, never from the setting's name alone. Pure: the builder gathers the state.
// Levels: safe; destructive (admin, reason, typed node id); forceable (refused unless `force`,
// then destructive); refused (never, whatever the role).
import type { ActionEffect, Bilingual } from '../contracts';
import { fmtBytes } from '../diagnosis/rule-kit';
import { APPLICABLE_CONFIG, SECRET_CONFIG, parseMemory } from './config-values';

/** What the node looks like right now, as far as the settings' effects go. */
export interface ConfigState {
  nodeId: string;
  role: 'master' | 'replica' | undefined;
  usedMemory: number;
  /** `mem_not_counted_for_evict`: replication and AOF buffers Redis leaves out of the limit. */
  notCountedForEvict: number;
  /** `used_memory_dataset`: what eviction can actually free. */
  datasetBytes: number;
  keys: number;
  /** Keys with a TTL: all a volatile-* policy may evict. */
  expiringKeys: number;
  /** Replicas listed online with their ACK lag (seconds). */
  replicas: Array<{ online: boolean; lag: number | undefined }>;
  backlogBytes: number;
  /** Replication stream rate (bytes/s) the monitor measured; null when unknown. */
  replOffsetRate: number | null;
  /** How long a full sync of this node would take (s): the output buffer must hold that much. */
  syncSeconds: number;
  /** The outage the backlog must cover (diagnosis.backlogOutageSeconds). */
  outageSeconds: number;
  /** Current values, CONFIG GET (null when the node does not know the name). */
  current: Record<string, string | null>;
}

/** Settings whose current value the evaluation needs besides the ones being set. */
export const CONTEXT_SETTINGS = [
  'maxmemory',
  'maxmemory-policy',
  'replica-ignore-maxmemory',
  'save',
  'appendonly',
  'min-replicas-to-write',
  'min-replicas-max-lag',
  'repl-ping-replica-period',
  'repl-backlog-size',
] as const;

type Level = ActionEffect['level'] | 'forceable';
interface Draft {
  code: string;
  level: Level;
  text: Bilingual;
  evictKeys?: number;
  evictBytes?: number;
}

const bi = (en: string, zh: string): Bilingual => ({ en, zh });
const EVICTING = /^(allkeys|volatile)-(lru|lfu|random|ttl)$/;

function setting(name: string, s: Record<string, string>, st: ConfigState): string | undefined {
  return name in s ? s[name] : (st.current[name] ?? undefined);
}

function memoryEffect(s: Record<string, string>, st: ConfigState): Draft | null {
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
  const used = fmtBytes(st.usedMemory);
  if (limit > st.usedMemory) {
    const room = fmtBytes(limit - st.usedMemory);
    return {
      code: 'memory_headroom',
      level: 'safe',
      text: bi(
        `Limit ${fmtBytes(limit)} is above used_memory ${used} (${room} of room); nothing is evicted now.`,
        `上限 ${fmtBytes(limit)} 高于当前 used_memory ${used}（余量 ${room}），现在不会淘汰数据。`,
      ),
    };
  }
  const excess = st.usedMemory - limit;
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
        `数据丢失：上限 ${fmtBytes(limit)} 不高于 used_memory ${used}；在 ${policy} 策略下 Redis 会立即删除 key，直到释放 ${fmtBytes(excess)}——约 ${st.keys} 个中的 ${evictKeys} 个——并在每次写入时继续删除。${replicaNote.zh}`,
      ),
    };
  }
  return {
    code: 'maxmemory_blocks_writes',
    level: 'forceable',
    evictBytes: excess,
    text: bi(
      `WRITES FAIL: limit ${fmtBytes(limit)} is at or under used_memory ${used} and ${policy}${policy.startsWith('volatile-') ? ' finds no key with a TTL to evict' : ' evicts nothing'}: every write command gets -OOM until ${fmtBytes(excess)} is freed by hand.${replicaNote.en}`,
      `写入失败：上限 ${fmtBytes(limit)} 不高于 used_memory ${used}，且 ${policy}${policy.startsWith('volatile-') ? ' 找不到带 TTL 的 key 可淘汰' : ' 不淘汰任何数据'}：在手动释放 ${fmtBytes(excess)} 之前，每个写命令都返回 -OOM。${replicaNote.zh}`,
    ),
  };
}

/** `replica <hard> <soft> <seconds>` must hold the stream of a whole sync, and never less than the backlog. */
function outputBufferEffect(value: string, st: ConfigState): Draft {
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

function persistenceEffect(s: Record<string, string>, st: ConfigState): Draft {
  const save = (setting('save', s, st) ?? '').trim();
  const aof = (setting('appendonly', s, st) ?? 'no').trim().toLowerCase();
  if (save !== '' || aof !== 'no')
    return {
      code: 'persistence_kept',
      level: 'safe',
      text: bi(
        `Persistence stays on (save "${save}", appendonly ${aof}).`,
        `持久化保持开启（save "${save}"，appendonly ${aof}）。`,
      ),
    };
  if (st.role === 'master' && st.replicas.length)
    return {
      code: 'master_no_persistence',
      level: 'destructive',
      text: bi(
        `No persistence on a master with ${st.replicas.length} replica(s): if it restarts (crash, OOM kill, supervisor) it comes back EMPTY and its replicas sync the empty dataset — every copy is lost.`,
        `带 ${st.replicas.length} 个从节点的主节点没有持久化：一旦重启（崩溃、OOM、进程管理器重启），它会以空数据集启动，从节点随后同步这个空数据集——所有副本都会丢失。`,
      ),
    };
  return {
    code: 'no_persistence',
    level: 'safe',
    text: bi(
      'No persistence: a restart of this node starts empty (it is not a master with replicas).',
      '无持久化：该节点重启后为空（它不是带从节点的主节点）。',
    ),
  };
}

function minReplicasEffect(s: Record<string, string>, st: ConfigState): Draft {
  const want = Number(setting('min-replicas-to-write', s, st) ?? '0');
  const maxLag = Number(setting('min-replicas-max-lag', s, st) ?? '10');
  if (!Number.isInteger(want) || want < 0 || !Number.isInteger(maxLag) || maxLag < 0)
    return {
      code: 'config_value',
      level: 'refused',
      text: bi(
        'min-replicas-to-write / min-replicas-max-lag must be whole numbers',
        'min-replicas-to-write / min-replicas-max-lag 必须是整数',
      ),
    };
  const healthy = st.replicas.filter((r) => r.online && (r.lag ?? 0) <= maxLag).length;
  if (want === 0 || st.role !== 'master' || healthy >= want)
    return {
      code: 'writes_accepted',
      level: 'safe',
      text: bi(
        `${healthy} healthy replica(s) (lag ≤ ${maxLag} s); min-replicas-to-write ${want} keeps writes possible${st.role === 'master' ? '' : ' (applies only once this node is a master)'}.`,
        `${healthy} 个健康从节点（延迟 ≤ ${maxLag} 秒）；min-replicas-to-write ${want} 不会阻止写入${st.role === 'master' ? '' : '（仅在该节点成为主节点后生效）'}。`,
      ),
    };
  return {
    code: 'writes_refused',
    level: 'destructive',
    text: bi(
      `WRITES FAIL: min-replicas-to-write ${want} is above the ${healthy} healthy replica(s) (online, lag ≤ ${maxLag} s): every write now gets -NOREPLICAS.`,
      `写入失败：min-replicas-to-write ${want} 高于 ${healthy} 个健康从节点（在线且延迟 ≤ ${maxLag} 秒）：之后每个写入都返回 -NOREPLICAS。`,
    ),
  };
}

function backlogEffect(value: string, st: ConfigState): Draft {
  const size = parseMemory(value);
  if (size === null || size <= 0)
    return {
      code: 'config_value',
      level: 'refused',
      text: bi(
        `repl-backlog-size ${value}: not a size Redis reads`,
        `repl-backlog-size ${value}：不是有效的内存大小`,
      ),
    };
  const goal = st.replOffsetRate !== null ? st.replOffsetRate * st.outageSeconds : st.backlogBytes;
  const goalText =
    st.replOffsetRate !== null
      ? bi(
          `${fmtBytes(st.replOffsetRate)}/s × ${st.outageSeconds} s = ${fmtBytes(goal)}`,
          `${fmtBytes(st.replOffsetRate)}/秒 × ${st.outageSeconds} 秒 = ${fmtBytes(goal)}`,
        )
      : bi(
          `write rate not measured: the current ${fmtBytes(goal)} is the goal`,
          `尚未测得写入速率：以当前 ${fmtBytes(goal)} 为目标`,
        );
  if (size < st.backlogBytes && size < goal)
    return {
      code: 'backlog_shrinks',
      level: 'destructive',
      text: bi(
        `Shrinks the backlog to ${fmtBytes(size)}, below the outage-cover goal (${goalText.en}): a replica away longer than ${st.replOffsetRate ? Math.floor(size / st.replOffsetRate) : '?'} s comes back to a FULL resync.`,
        `把积压缓冲区缩小到 ${fmtBytes(size)}，低于断线覆盖目标（${goalText.zh}）：断线更久的从节点将需要全量同步。`,
      ),
    };
  return {
    code: 'backlog_covers',
    level: 'safe',
    text: bi(
      `Backlog ${fmtBytes(size)} (goal ${goalText.en}).`,
      `积压缓冲区 ${fmtBytes(size)}（目标 ${goalText.zh}）。`,
    ),
  };
}

function timeoutEffect(s: Record<string, string>, st: ConfigState): Draft {
  const timeout = Number(setting('repl-timeout', s, st) ?? '60');
  const ping = Number(setting('repl-ping-replica-period', s, st) ?? '10');
  if (!Number.isInteger(timeout) || timeout <= 0 || !Number.isInteger(ping) || ping <= 0)
    return {
      code: 'config_value',
      level: 'refused',
      text: bi(
        'repl-timeout / repl-ping-replica-period must be positive whole numbers',
        'repl-timeout / repl-ping-replica-period 必须是正整数',
      ),
    };
  if (timeout <= ping)
    return {
      code: 'timeout_below_ping',
      level: 'destructive',
      text: bi(
        `repl-timeout ${timeout} s is not above repl-ping-replica-period ${ping} s: quiet links time out between pings and drop (reconnects, resyncs).`,
        `repl-timeout ${timeout} 秒不大于 repl-ping-replica-period ${ping} 秒：空闲链路会在两次 ping 之间超时断开（重连、重新同步）。`,
      ),
    };
  return {
    code: 'timeout_ok',
    level: 'safe',
    text: bi(
      `repl-timeout ${timeout} s > ping period ${ping} s.`,
      `repl-timeout ${timeout} 秒大于 ping 周期 ${ping} 秒。`,
    ),
  };
}

function oneEffect(name: string, value: string, s: Record<string, string>, st: ConfigState): Draft {
  if (SECRET_CONFIG.has(name))
    return {
      code: 'config_names',
      level: 'refused',
      text: bi(
        `${name}: secrets are never typed into the dashboard; replica.reattach sets masterauth from the server's credentials`,
        `${name}：密码类配置不能在面板中输入`,
      ),
    };
  if (!APPLICABLE_CONFIG.has(name))
    return {
      code: 'config_names',
      level: 'refused',
      text: bi(
        `${name}: not a replication setting this action manages`,
        `${name}：不是本操作管理的复制配置`,
      ),
    };
  switch (name) {
    case 'maxmemory':
    case 'maxmemory-policy':
      return memoryEffect(s, st) ?? safe(name, value);
    case 'client-output-buffer-limit':
      return outputBufferEffect(value, st);
    case 'save':
    case 'appendonly':
      return persistenceEffect(s, st);
    case 'min-replicas-to-write':
    case 'min-replicas-max-lag':
      return minReplicasEffect(s, st);
    case 'repl-backlog-size':
      return backlogEffect(value, st);
    case 'repl-timeout':
    case 'repl-ping-replica-period':
      return timeoutEffect(s, st);
    case 'replica-read-only':
      return value.trim().toLowerCase() === 'no'
        ? {
            code: 'replica_writable',
            level: 'destructive',
            text: bi(
              'A writable replica takes writes its master never sees; the next full sync silently discards them, and a client that writes there by mistake diverges the data.',
              '可写从节点接受主节点看不到的写入；下次全量同步会悄悄丢弃它们，误写的客户端会造成数据不一致。',
            ),
          }
        : safe(name, value);
    default:
      return safe(name, value);
  }
}

function safe(name: string, value: string): Draft {
  return {
    code: 'no_data_effect',
    level: 'safe',
    text: bi(
      `${name} ${value}: takes effect at once; no data is removed and no link is cut.`,
      `${name} ${value}：立即生效；不会删除数据，也不会断开链路。`,
    ),
  };
}

/** One effect per setting; `force` turns a forceable data loss into a (destructive) allowed one. */
export function evaluateConfig(
  settings: Record<string, string>,
  st: ConfigState,
  force: boolean,
): ActionEffect[] {
  return Object.entries(settings).map(([name, value]) => {
    const d = oneEffect(name, value, settings, st);
    const level: ActionEffect['level'] =
      d.level === 'forceable' ? (force ? 'destructive' : 'refused') : d.level;
    const forcedNote =
      d.level === 'forceable'
        ? force
          ? bi(
              ' Forced: admin, a reason and the node id typed are required.',
              ' 已强制：需要管理员、填写原因并输入节点 ID。',
            )
          : bi(
              ' Refused: set force (admin only) to accept this.',
              ' 已拒绝：如确需如此，请设置 force（仅管理员）。',
            )
        : bi('', '');
    return {
      setting: name,
      value,
      code: d.code,
      level,
      text: { en: d.text.en + forcedNote.en, zh: d.text.zh + forcedNote.zh },
      ...(d.level === 'forceable' ? { forced: force } : {}),
      ...(d.evictKeys !== undefined ? { evictKeys: d.evictKeys } : {}),
      ...(d.evictBytes !== undefined ? { evictBytes: d.evictBytes } : {}),
    };
  });
}
