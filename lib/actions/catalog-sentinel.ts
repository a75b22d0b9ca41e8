// Catalog entries of the Sentinel actions (merged into ACTION_META).
import type { ActionMeta } from './catalog';

export const SENTINEL_ACTION_META: Record<'sentinel.set' | 'sentinel.reset', ActionMeta> = {
  'sentinel.set': {
    title: { en: 'Change Sentinel settings', zh: '修改 Sentinel 配置' },
    description: {
      en: 'SENTINEL SET <name> on every Sentinel of the group (each keeps its own copy and writes it to its config file): quorum, down-after-milliseconds, failover-timeout, parallel-syncs. Verified by reading SENTINEL MASTER back on each; the old values are set back if one refuses.',
      zh: '在该组的每个 Sentinel 上执行 SENTINEL SET <name>（每个 Sentinel 各自保存并写入自己的配置文件）：quorum、down-after-milliseconds、failover-timeout、parallel-syncs。逐个读取 SENTINEL MASTER 验证；若有一个拒绝，则恢复旧值。',
    },
    destructive: false,
  },
  'sentinel.reset': {
    title: { en: 'Reset Sentinel state', zh: '重置 Sentinel 状态' },
    description: {
      en: 'SENTINEL RESET <name> on every Sentinel of the group, one after the other: each clears its state for the master (a failover in progress included) and forgets the replicas and Sentinels it had found; it lists again only the replicas the master reports in INFO (within about 10 s) and the Sentinels it hears on the hello channel. Use it to drop a replica or Sentinel that is gone for good (Redis docs, "Removing the old master or unreachable replicas").',
      zh: '在该组的每个 Sentinel 上依次执行 SENTINEL RESET <name>：每个 Sentinel 清除它对该主节点的状态（包括进行中的故障转移），并忘记已发现的从节点和 Sentinel；之后只重新列出主节点 INFO 中报告的从节点（约 10 秒内）以及在 hello 频道上听到的 Sentinel。用于移除永久下线的从节点或 Sentinel（见 Redis 文档 “Removing the old master or unreachable replicas”）。',
    },
    destructive: true,
  },
};
