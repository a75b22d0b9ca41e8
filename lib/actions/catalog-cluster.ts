// Catalog entries of the Redis Cluster actions (merged into ACTION_META).
import type { ActionMeta } from './catalog';

export const CLUSTER_ACTION_META: Record<'cluster.failover' | 'cluster.replicate', ActionMeta> = {
  'cluster.failover': {
    title: { en: 'Cluster failover', zh: '集群故障转移' },
    description: {
      en: 'CLUSTER FAILOVER on a replica: by default its primary stops writes until the replica has every byte, then they swap roles (no data loss). FORCE (primary unreachable) and TAKEOVER (no majority) need an admin: writes the replica has not received are lost.',
      zh: '在从节点上执行 CLUSTER FAILOVER：默认模式下主节点暂停写入直到从节点追平，然后互换角色（不丢数据）。FORCE（主节点不可达）与 TAKEOVER（无多数派）需要管理员：从节点尚未收到的写入会丢失。',
    },
    destructive: false,
  },
  'cluster.replicate': {
    title: { en: 'Replicate a cluster primary', zh: '复制集群主节点' },
    description: {
      en: 'CLUSTER REPLICATE <node-id> on a cluster node: it becomes a replica of that primary (e.g. to give a shard without replica a spare). The node must serve no slots; its data is replaced by the primary\'s.',
      zh: '在集群节点上执行 CLUSTER REPLICATE <node-id>：使其成为该主节点的从节点（例如为没有从节点的分片补充备份）。该节点不能持有槽；其数据会被主节点的数据替换。',
    },
    destructive: false,
  },
};
