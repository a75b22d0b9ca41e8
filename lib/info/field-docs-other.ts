// Meaning of the INFO stats, memory, persistence, server, clients and keyspace fields the
// dashboard shows or reasons with, en and zh side by side.
import { doc, type FieldDoc } from './field-doc';

export const OTHER_DOCS: Record<string, FieldDoc> = {
  // ── INFO stats ──
  sync_full: doc(
    'stats',
    'Full syncs this node has served as a master since start.',
    '本节点作为主节点启动以来提供的全量同步次数。',
    'Flat in steady state. Rising repeatedly means a full-sync loop (backlog too small, output-buffer limit or repl-timeout).',
    '稳定时不变；反复增长说明全量同步循环（积压缓冲区太小、输出缓冲区限制或 repl-timeout）。',
  ),
  sync_partial_ok: doc(
    'stats',
    'Partial resyncs accepted: reconnects that avoided a full sync.',
    '接受的部分重同步次数，即避免了全量同步的重连。',
  ),
  sync_partial_err: doc(
    'stats',
    'Partial resync requests refused and turned into full syncs. A replica attached with REPLICAOF at runtime adds 1 on its first sync.',
    '被拒绝并转为全量同步的部分重同步请求数；运行中用 REPLICAOF 挂上的新从节点首次同步也会加 1。',
    'Alert on its rate of change, not its absolute value.',
    '按增长速率告警，不要按绝对值。',
  ),
  total_net_repl_input_bytes: doc(
    'stats',
    'Bytes received over replication links since start (7.0+).',
    '启动以来通过复制链路接收的字节数（7.0+）。',
  ),
  total_net_repl_output_bytes: doc(
    'stats',
    'Bytes sent to replicas since start (7.0+).',
    '启动以来发送给从节点的字节数（7.0+）。',
  ),
  instantaneous_input_repl_kbps: doc(
    'stats',
    'Current replication input rate, KB/s (7.0+).',
    '当前复制输入速率，KB/s（7.0+）。',
  ),
  instantaneous_output_repl_kbps: doc(
    'stats',
    'Current replication output rate, KB/s (7.0+).',
    '当前复制输出速率，KB/s（7.0+）。',
  ),
  instantaneous_ops_per_sec: doc(
    'stats',
    'Commands processed per second (sampled).',
    '每秒处理的命令数（采样值）。',
  ),
  // ── INFO memory ──
  used_memory: doc(
    'memory',
    'Bytes allocated by Redis, replication buffers included.',
    'Redis 分配的内存字节数，包含复制缓冲区。',
  ),
  maxmemory: doc(
    'memory',
    'Memory limit in bytes; 0 = no limit.',
    '内存上限（字节）；0 表示不限制。',
    'Same on master and replicas. Replicas ignore it by default (replica-ignore-maxmemory) and can outgrow a smaller limit.',
    '主从应一致；从节点默认忽略该限制（replica-ignore-maxmemory），较小的上限可能被超出。',
  ),
  mem_replication_backlog: doc(
    'memory',
    'Memory used by the replication backlog.',
    '复制积压缓冲区占用的内存。',
  ),
  mem_total_replication_buffers: doc(
    'memory',
    'Memory of the shared replication buffer: backlog plus data queued for replicas (7.0+).',
    '共享复制缓冲区总内存：积压缓冲区加上等待发给从节点的数据（7.0+）。',
    'Far above repl_backlog_size means a slow replica is holding data and may hit client-output-buffer-limit replica.',
    '远大于 repl_backlog_size 说明有慢从节点占住数据，可能触发 client-output-buffer-limit replica 断开。',
  ),
  mem_clients_slaves: doc(
    'memory',
    'Replica connection memory beyond the shared replication buffer (7.0+), so 0 is normal.',
    '从节点连接在共享复制缓冲区之外占用的内存（7.0+），为 0 属正常。',
  ),
  // ── INFO persistence ──
  rdb_last_bgsave_status: doc(
    'persistence',
    'Result of the last BGSAVE (ok/err), including a BGSAVE for a full sync.',
    '最近一次 BGSAVE 的结果（ok/err），包括为全量同步做的 BGSAVE。',
    'ok. err breaks full syncs and can make the master refuse writes (MISCONF).',
    '应为 ok；err 会导致全量同步失败，并可能让主节点拒绝写入（MISCONF）。',
  ),
  rdb_bgsave_in_progress: doc(
    'persistence',
    '1 while a fork child writes an RDB, also for a full sync (disk or diskless).',
    'fork 子进程正在生成 RDB 时为 1，全量同步（有盘或无盘）时也是。',
  ),
  aof_enabled: doc(
    'persistence',
    '1 if AOF persistence is on.',
    '是否开启 AOF 持久化。',
    'A master with neither AOF nor RDB restarts empty, and its replicas then sync the empty dataset.',
    '既无 AOF 也无 RDB 的主节点重启后为空，从节点会随之同步成空数据。',
  ),
  aof_last_write_status: doc(
    'persistence',
    'Result of the last AOF write (ok/err).',
    '最近一次 AOF 写入的结果（ok/err）。',
    'ok. err makes the node refuse writes until the AOF can be written again.',
    '应为 ok；err 时节点拒绝写入，直到 AOF 恢复可写。',
  ),
  loading: doc(
    'persistence',
    '1 while the dataset is being loaded (at start or after a full sync); clients get LOADING errors.',
    '正在加载数据集时为 1（启动或全量同步后）；此时客户端收到 LOADING 错误。',
  ),
  rdb_last_load_keys_loaded: doc(
    'persistence',
    'Keys loaded by the last RDB load, set after every full-sync load (7.0+).',
    '最近一次 RDB 加载的键数，每次全量同步加载后更新（7.0+）。',
    '0 on replicas right after a master restart means the master came back empty and the replicas were wiped.',
    '主节点重启后从节点为 0，说明主节点空数据重启，从节点数据被清空。',
  ),
  // ── INFO server / clients / keyspace ──
  run_id: doc(
    'server',
    'Random ID of this process; changes at every restart.',
    '本进程的随机 ID，每次重启都会变化。',
    'A new run_id on a master means it restarted; check that replicas did not sync an empty dataset.',
    '主节点 run_id 变化说明其重启过；需确认从节点没有同步到空数据。',
  ),
  redis_version: doc(
    'server',
    'Redis server version.',
    'Redis 服务端版本。',
    'Replicas should run the same or a newer version than their master.',
    '从节点版本应不低于主节点。',
  ),
  uptime_in_seconds: doc(
    'server',
    'Seconds since the process started.',
    '进程已运行的秒数。',
    'An unexpectedly small value means an unplanned restart.',
    '数值意外变小说明发生了非计划重启。',
  ),
  connected_clients: doc(
    'clients',
    'Client connections, replicas excluded.',
    '客户端连接数，不含从节点。',
  ),
  dbN: doc(
    'keyspace',
    'Keys, keys with a TTL and average TTL (ms) of one database. avg_ttl is 0 on replicas, which do not sample TTLs.',
    '单个数据库的键数、带过期时间的键数和平均 TTL（毫秒）；从节点不采样 TTL，avg_ttl 为 0。',
    "keys should match the master's once in sync; a large gap means divergence or an ongoing sync.",
    '同步完成后 keys 应与主节点一致；差距大说明数据不一致或同步未完成。',
  ),
};
