// 简体中文：Redis Cluster（键与 en/cluster.ts 一致，类型保证）。
import type { enCluster } from '../en/cluster';

export const zhCluster: { readonly [K in keyof typeof enCluster]: string } = {
  'kind.cluster_state_fail': '集群状态 fail',
  'kind.shard_without_replica': '分片无从节点',
  'kind.replica_cannot_failover': '从节点无法故障转移',
  'kind.replicas_colocated': '从节点与主节点同主机',
  'kind.uneven_replicas': '从节点分布不均',
  'kind.node_failed': '集群节点故障',
  'kind.epoch_collision': '配置纪元冲突',

  'cluster.rule.stateFail.title': '集群状态为 fail：{count} 个槽无法服务',
  'cluster.rule.stateFail.detail': '{node} 的 CLUSTER INFO 显示 cluster_state:fail，集群拒绝查询。无法服务：{why}。',
  'cluster.rule.stateFail.unassigned': '槽 {ranges} 未分配给任何节点',
  'cluster.rule.stateFail.primaryFailed': '槽 {ranges} 属于已故障且没有可接替从节点的 {primary}',
  'cluster.rule.stateFail.primaryFailover': '槽 {ranges} 属于已故障的 {primary}；其从节点 {replica} 应在数秒内接替',
  'cluster.rule.stateFail.unknown': '从这里看不到未覆盖的槽（处于少数派分区的节点会认为集群失败）',
  'cluster.rule.stateFail.remedy': '恢复故障的主节点（数据在其磁盘上），或提升它的一个从节点。未分配的槽需要在某个主节点上执行 CLUSTER ADDSLOTS。参见 https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/',

  'cluster.rule.noReplica.title': '分片 {shard} 没有健康的从节点',
  'cluster.rule.noReplica.detail': '主节点 {primary} 负责 {count} 个槽，但没有可接替的从节点（{replicas}）。它一旦故障，这些槽在它恢复前不可用。',
  'cluster.rule.noReplica.none': '没有从节点',
  'cluster.rule.noReplica.remedy': '为 {primary} 添加从节点：在空闲的集群节点上执行 CLUSTER REPLICATE {primaryNodeId}，或重启故障的从节点。',

  'cluster.rule.validity.title': '从节点 {node} 无法故障转移：数据过旧',
  'cluster.rule.validity.detail': '它到 {primary} 的连接已断开 {down} 秒；超过 cluster-node-timeout × cluster-replica-validity-factor + repl-ping-replica-period（此处为 {limit} 秒）后，从节点拒绝被提升。',
  'cluster.rule.validity.remedy': '恢复到主节点的连接。如果主节点已永久丢失，运维人员仍可用 CLUSTER FAILOVER FORCE（无多数派时用 TAKEOVER）提升它，并接受丢失的写入。',

  'cluster.rule.colocated.title': '分片 {shard}：主节点与所有从节点都在主机 {host} 上',
  'cluster.rule.colocated.detail': '主节点 {primary} 与从节点 {replicas} 在同一主机上：该主机宕机将丢失整个分片。',
  'cluster.rule.colocated.remedy': '把一个从节点移到其他主机：在那里启动节点并执行 CLUSTER REPLICATE {primaryNodeId}。',

  'cluster.rule.uneven.title': '分片 {shard} 没有从节点，而 {rich} 有 {count} 个',
  'cluster.rule.uneven.detail': '从节点迁移本可移过来一个，但 cluster-migration-barrier 为 {barrier}：主节点至少保留这么多从节点，因此无法从 {rich} 迁出。',
  'cluster.rule.uneven.remedy': '手动迁移一个从节点：在 {rich} 的某个从节点上执行 CLUSTER REPLICATE {primaryNodeId}，或调低 cluster-migration-barrier。',

  'cluster.rule.failed.title': '集群节点 {node}（{role}）处于 {flag}',
  'cluster.rule.failed.detail': '{asked} 个主节点中有 {reports} 个标记了它。{meaning}',
  'cluster.rule.failed.pfail': 'PFAIL：部分节点在 cluster-node-timeout 内无法连到它；多数主节点同意后变为 FAIL。',
  'cluster.rule.failed.fail': 'FAIL：多数主节点已确认它宕机。',
  'cluster.rule.failed.primaryNote': '若有可提升的从节点，将自动提升。',
  'cluster.rule.failed.remedy': '查明节点宕机原因（日志、主机）并重启；它会凭 nodes.conf 重新加入。恢复的旧主节点会成为新主节点的从节点。',

  'cluster.rule.epoch.title': '主节点 {nodes} 共用配置纪元 {epoch}',
  'cluster.rule.epoch.detail': '两个主节点配置纪元相同时，无法判断谁的槽声明更新。Redis 会提升其中一个来解决；冲突持续存在说明这些节点之间不通。',
  'cluster.rule.epoch.remedy': '检查这些节点之间的集群总线（端口 + 10000 或 cluster-port）。参见 https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/',

  'cluster.incident.title': '分片 {shard}（槽 {slots}）：{title}',

  'cluster.view.title': '集群分片',
  'cluster.view.state': 'cluster_state',
  'cluster.view.slots': '已分配 {assigned} 个槽，{ok} 个正常',
  'cluster.view.epoch': '当前纪元 {epoch}',
  'cluster.view.readFrom': '读取自 {node}（{source}）',
  'cluster.view.shard': '分片',
  'cluster.view.noSlots': '无槽',
  'cluster.view.slotCount': '{count} 个槽',
  'cluster.view.primary': '主节点',
  'cluster.view.replica': '从节点',
  'cluster.view.noPrimary': '无主节点',
  'cluster.view.noReplica': '无从节点',
  'cluster.view.failed': '已故障',
  'cluster.view.chained': '从节点的从节点：Redis Cluster 中不应出现',
  'cluster.view.gap': '差距 {bytes}',
  'cluster.view.lag': '延迟 {seconds}',
  'cluster.view.strip': '分片状态',
  'cluster.view.flag.fail': 'FAIL',
  'cluster.view.flag.pfail': 'PFAIL',
  'cluster.view.flag.handshake': '握手中',
  'cluster.view.flag.noaddr': '无地址',
  'cluster.view.flag.nofailover': '禁止故障转移',
};
