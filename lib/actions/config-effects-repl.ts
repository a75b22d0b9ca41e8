// Effects on persistence, write acceptance, the backlog and link timeouts (see config-effects.ts).
import { fmtBytes } from '../diagnosis/rule-kit';
import { parseMemory } from './config-values';
import { bi, setting, type ConfigState, type Draft } from './config-effect-kit';

export function persistenceEffect(s: Record<string, string>, st: ConfigState): Draft {
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

export function minReplicasEffect(s: Record<string, string>, st: ConfigState): Draft {
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

export function backlogEffect(value: string, st: ConfigState): Draft {
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

export function timeoutEffect(s: Record<string, string>, st: ConfigState): Draft {
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
