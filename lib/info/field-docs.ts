// Meaning of INFO fields, in both UI languages, for the field table and finding evidence.
// Sources: shared/reference/redis-replication.md §5 (Redis 7.0–7.4 code) and the runbook's
// §3.1 normal/abnormal columns. The runbook calls offsets "命令"; they are bytes, and say so.
// One table on purpose: it is data, and reading en/zh side by side is how it gets reviewed.

export interface FieldDoc {
  /** INFO section the field belongs to, lower case. */
  section: string;
  /** One line: what the field means. */
  en: string;
  zh: string;
  /** What a healthy value looks like and what is abnormal (optional). */
  healthyEn?: string;
  healthyZh?: string;
}

function doc(
  section: string,
  en: string,
  zh: string,
  healthyEn?: string,
  healthyZh?: string,
): FieldDoc {
  return healthyEn === undefined ? { section, en, zh } : { section, en, zh, healthyEn, healthyZh };
}

const R = 'replication';

export const FIELD_DOCS: Record<string, FieldDoc> = {
  // ── INFO replication, every node ──
  role: doc(
    R,
    'Role of this node: master, or slave (a replica; a chained replica that feeds others is still slave).',
    '节点角色：master（主）或 slave（从；下挂从节点的级联从节点也显示 slave）。',
    'Matches the intended topology. An unexpected change means a failover or REPLICAOF happened.',
    '应与预期拓扑一致；角色意外变化说明发生了故障转移或有人执行了 REPLICAOF。',
  ),
  connected_slaves: doc(
    R,
    'Replicas attached to this node, in any state (wait_bgsave, send_bulk, online).',
    '挂在本节点上的从节点数，包含任何状态（wait_bgsave、send_bulk、online）。',
    'Equals the expected replica count. Fewer means a replica dropped off.',
    '应等于预期从节点数；少于预期说明有从节点掉线。',
  ),
  slaveN: doc(
    R,
    'One attached replica: ip, port, state, offset (last acknowledged replication offset, bytes) and lag (seconds since its last ACK, only while online).',
    '一个已连接的从节点：ip、port、state、offset（最近一次 ACK 的复制偏移量，单位字节）、lag（距上次 ACK 的秒数，仅 online 时计算）。',
    'state=online, offset close to master_repl_offset, lag 0–2 s (replicas ACK every second). lag > 10 s, or a state other than online for long, is abnormal.',
    'state=online，offset 接近 master_repl_offset，lag 0–2 秒（从节点每秒 ACK）；lag > 10 秒或长时间不是 online 为异常。',
  ),
  min_slaves_good_slaves: doc(
    R,
    'Online replicas with lag ≤ min-replicas-max-lag; shown only when min-replicas-to-write and min-replicas-max-lag are both set.',
    'lag ≤ min-replicas-max-lag 的在线从节点数；仅当 min-replicas-to-write 和 min-replicas-max-lag 都非 0 时显示。',
    'Below min-replicas-to-write the master rejects writes with NOREPLICAS.',
    '低于 min-replicas-to-write 时主节点拒绝写入（NOREPLICAS 错误）。',
  ),
  master_failover_state: doc(
    R,
    'Progress of a FAILOVER command: no-failover, waiting-for-sync or failover-in-progress.',
    'FAILOVER 命令的进度：no-failover、waiting-for-sync 或 failover-in-progress。',
    'no-failover, except during a planned FAILOVER. Stuck in another state means the failover has not completed.',
    '平时为 no-failover；长时间停在其他状态说明切换未完成。',
  ),
  master_replid: doc(
    R,
    "Replication ID (40 hex chars) of the data history this node holds; a replica shows its master's.",
    '本节点数据历史的复制 ID（40 位十六进制）；从节点显示其主节点的 ID。',
    'Same on a master and all its replicas. A new ID on a master means it restarted or was promoted; replicas then need a full sync unless the old ID is still in master_replid2.',
    '主从之间应一致；主节点 ID 变化说明其重启或被提升，除非旧 ID 仍在 master_replid2 中，从节点将需要全量同步。',
  ),
  master_replid2: doc(
    R,
    'Previous replication ID, kept after a promotion so former siblings can still partially resync; all zeros when none.',
    '上一个复制 ID，节点被提升后保留，使原来的兄弟节点仍可部分重同步；没有时为全 0。',
  ),
  master_repl_offset: doc(
    R,
    'Replication stream position in bytes: produced (master) or received from upstream (replica). Bytes, not commands.',
    '复制流位置，单位字节（不是命令数）：主节点为已产生的量，从节点为已从上游收到的量。',
    'Grows with writes, and by 14 bytes per master PING (every repl-ping-replica-period). Master minus replica offset = bytes the replica is behind.',
    '随写入增长，主节点每次 PING（repl-ping-replica-period）也增加 14 字节；主从偏移量之差 = 从节点落后的字节数。',
  ),
  second_repl_offset: doc(
    R,
    'Offset up to which master_replid2 is still accepted for partial resync; -1 when there is no previous ID.',
    'master_replid2 可用于部分重同步的截止偏移量；没有旧 ID 时为 -1。',
  ),
  repl_backlog_active: doc(
    R,
    '1 if a replication backlog exists: created when the first replica connects, freed on a master after repl-backlog-ttl with no replicas.',
    '复制积压缓冲区是否存在：第一个从节点连接时创建；主节点在无从节点 repl-backlog-ttl 秒后释放。',
  ),
  repl_backlog_size: doc(
    R,
    'Configured backlog size in bytes (repl-backlog-size, default 1 MB, minimum 16 KB).',
    '配置的积压缓冲区大小，单位字节（repl-backlog-size，默认 1MB，最小 16KB）。',
    'Should hold the writes of the longest disconnection to survive without a full sync (write bytes/s × seconds).',
    '应能容纳最长断线期间的写入量（每秒写入字节 × 秒数），否则重连会触发全量同步。',
  ),
  repl_backlog_first_byte_offset: doc(
    R,
    'Replication offset of the oldest byte still in the backlog; a replica reconnecting from an older offset needs a full sync.',
    '积压缓冲区中最早一个字节的复制偏移量；从节点重连时偏移量比它更早则只能全量同步。',
  ),
  repl_backlog_histlen: doc(
    R,
    'Bytes of history in the backlog. In 7.0+ it can exceed repl_backlog_size while a slow replica still holds old buffer blocks.',
    '积压缓冲区中已有的历史字节数；7.0+ 在慢从节点仍引用旧缓冲块时可能超过 repl_backlog_size。',
  ),
  // ── INFO replication, replicas only ──
  master_host: doc(
    R,
    'Host of the master this replica follows, as configured.',
    '本从节点所跟随的主节点地址（按配置）。',
  ),
  master_port: doc(R, 'Port of the master this replica follows.', '本从节点所跟随的主节点端口。'),
  master_link_status: doc(
    R,
    'up only when the replication link is fully established; down during connect, handshake, transfer and load.',
    '仅当复制链路完全建立时为 up；连接、握手、传输和加载期间都是 down。',
    'up. down for more than a few seconds outside a planned full sync is an outage.',
    '应为 up；非计划全量同步期间持续 down 超过几秒即为故障。',
  ),
  master_last_io_seconds_ago: doc(
    R,
    'Seconds since the replica last received anything from its master; -1 when there is no master connection (link down or syncing).',
    '距上次从主节点收到数据的秒数；无主节点连接（断开或同步中）时为 -1。',
    'At most repl-ping-replica-period (10 s by default). Approaching repl-timeout (60 s) means the link is about to be dropped.',
    '正常不超过 repl-ping-replica-period（默认 10 秒）；接近 repl-timeout（60 秒）说明链路即将被断开。',
  ),
  master_sync_in_progress: doc(
    R,
    '1 during a full sync: from +FULLRESYNC until the RDB is loaded, including the time the master spends producing it.',
    '全量同步进行中为 1：从 +FULLRESYNC 到 RDB 加载完成，包括主节点生成 RDB 的时间。',
    '0. Staying 1 far longer than a normal full sync, or coming back repeatedly, means a full-sync loop.',
    '应为 0；持续为 1 远超正常同步时长，或反复出现，说明陷入全量同步循环。',
  ),
  slave_read_repl_offset: doc(
    R,
    'Replication offset read from the master socket, in bytes, including data not yet applied.',
    '已从主节点连接读取的复制偏移量（字节），包含尚未执行的数据。',
  ),
  slave_repl_offset: doc(
    R,
    'Replication offset this replica has applied, in bytes (not commands).',
    '本从节点已执行的复制偏移量，单位字节（不是命令数）。',
    "Close to the master's master_repl_offset; the difference is bytes behind. Stuck while the master's grows means replication stopped.",
    '应接近主节点的 master_repl_offset，差值即落后字节数；主节点增长而它不动说明复制已停止。',
  ),
  master_sync_total_bytes: doc(
    R,
    "Size of the RDB being received: -1 until the master's size preamble arrives (RDB still being produced), 0 when the master streams diskless (size unknown).",
    '正在接收的 RDB 大小：主节点还在生成 RDB、尚未发来长度前为 -1；主节点无盘传输（大小未知）时为 0。',
  ),
  master_sync_read_bytes: doc(
    R,
    'RDB bytes received so far in this full sync.',
    '本次全量同步已接收的 RDB 字节数。',
    'Should keep growing; flat together with a rising master_sync_last_io_seconds_ago means the transfer stalled.',
    '应持续增长；不再增长且 master_sync_last_io_seconds_ago 上升说明传输卡住。',
  ),
  master_sync_left_bytes: doc(
    R,
    'total − read. Goes negative on diskless transfers (total is 0) and is -1 before the preamble.',
    'total − read；无盘传输时（total 为 0）为负数，收到长度前为 -1。',
    'Not a health signal: use master_sync_read_bytes and master_sync_last_io_seconds_ago.',
    '不能用来判断健康：请看 master_sync_read_bytes 和 master_sync_last_io_seconds_ago。',
  ),
  master_sync_perc: doc(
    R,
    'read / total × 100. Shows -0.00 before the preamble and 0.00 for diskless transfers, so it only tracks disk-based syncs.',
    'read / total × 100；收到长度前显示 -0.00，无盘传输时为 0.00，因此只对有盘同步有意义。',
  ),
  master_sync_last_io_seconds_ago: doc(
    R,
    'Seconds since the last byte of the full-sync transfer arrived (the master sends keep-alive newlines while producing the RDB).',
    '距全量同步传输最后一次收到数据的秒数（主节点生成 RDB 时会发送换行保活）。',
    '0–1 while data flows. Approaching repl-timeout (60 s) the replica aborts with "Timeout receiving bulk data".',
    '传输中应为 0–1；接近 repl-timeout（60 秒）时从节点会以 “Timeout receiving bulk data” 中止。',
  ),
  master_link_down_since_seconds: doc(
    R,
    'Seconds since the link to the master went down; shown only while down. -1 = never up since this node became a replica.',
    '与主节点链路断开的秒数，仅断开时显示；-1 表示成为从节点后链路从未建立过。',
    'Absent when healthy. -1 during a first sync is expected; -1 that persists means the master was never reached (wrong address, auth, network).',
    '健康时不出现；首次同步时为 -1 属正常，持续 -1 说明从未连上主节点（地址、认证或网络问题）。',
  ),
  slave_priority: doc(
    R,
    'replica-priority: Sentinel promotes the lowest non-zero value; 0 means never promote.',
    'replica-priority：Sentinel 优先提升数值最小的非 0 从节点；0 表示永不提升。',
    'Set 0 on replicas that must never become master (backup or DR nodes).',
    '不应成为主节点的从节点（备份、容灾节点）应设为 0。',
  ),
  slave_read_only: doc(
    R,
    '1 if the replica rejects client writes (replica-read-only).',
    '从节点是否拒绝客户端写入（replica-read-only）。',
    '1. 0 is dangerous: writes on the replica diverge from the master and are lost at the next full sync.',
    '应为 1；为 0 很危险：写到从节点的数据与主节点不一致，下次全量同步时丢失。',
  ),
  replica_announced: doc(
    R,
    '1 if Sentinel should list this replica (replica-announced); 0 hides it from Sentinel.',
    '是否让 Sentinel 公布本从节点（replica-announced）；0 则在 Sentinel 中隐藏。',
  ),
  // Redis 8 adds these to a replica's section (redis/redis#13990 and the RDB-channel sync).
  master_current_sync_attempts: doc(
    R,
    'Attempts to sync with the master since the link was last lost (Redis 8+).',
    '自上次链路断开以来尝试与主节点同步的次数（Redis 8+）。',
    '1 when the link is up. Climbing while the link is down: every attempt fails (auth, network, the master refuses).',
    '链路正常时为 1。链路断开时持续增加：每次尝试都失败（认证、网络或主节点拒绝）。',
  ),
  master_total_sync_attempts: doc(
    R,
    'Attempts to sync with a master since this node started (Redis 8+).',
    '本节点启动以来尝试与主节点同步的总次数（Redis 8+）。',
    'Small and flat. A steady climb is a reconnect loop even when each attempt looks brief.',
    '数值小且平稳。持续上升说明存在重连循环，即使每次断开都很短。',
  ),
  master_link_up_since_seconds: doc(
    R,
    'Seconds the link to the master has been up (Redis 8+).',
    '与主节点链路已连续保持的秒数（Redis 8+）。',
    'Grows steadily. Resetting to small values again and again means the link keeps dropping.',
    '稳定增长。反复回到很小的值说明链路在不断断开。',
  ),
  total_disconnect_time_sec: doc(
    R,
    'Total seconds this replica has spent disconnected from its master since start (Redis 8+).',
    '本从节点启动以来与主节点断开的累计秒数（Redis 8+）。',
  ),
  master_client_io_thread: doc(
    R,
    'The I/O thread serving the connection from the master (Redis 8+, io-threads).',
    '处理来自主节点连接的 I/O 线程编号（Redis 8+，io-threads）。',
  ),
  replica_full_sync_buffer_size: doc(
    R,
    'Bytes of replication stream buffered on the replica while it loads the RDB of a full sync over a separate channel (Redis 8+).',
    '全量同步通过独立通道加载 RDB 期间，从节点缓存的复制流字节数（Redis 8+）。',
    '0 outside a full sync. Large during one: the master keeps writing while the replica loads.',
    '非全量同步时为 0。同步期间较大：从节点加载时主节点仍在写入。',
  ),
  replica_full_sync_buffer_peak: doc(
    R,
    'Peak of replica_full_sync_buffer_size (Redis 8+).',
    'replica_full_sync_buffer_size 的峰值（Redis 8+）。',
  ),
  // Valkey 8's dual-channel replication: the same buffer under another name.
  replicas_repl_buffer_size: doc(
    R,
    'Valkey 8+: bytes of replication stream buffered on this replica while it loads the RDB of a dual-channel full sync.',
    'Valkey 8+：双通道全量同步加载 RDB 期间，本从节点缓存的复制流字节数。',
    '0 outside a full sync. Large during one: the primary keeps writing while the replica loads.',
    '非全量同步时为 0。同步期间较大：从节点加载时主节点仍在写入。',
  ),
  replicas_repl_buffer_peak: doc(
    R,
    'Valkey 8+: peak of replicas_repl_buffer_size.',
    'Valkey 8+：replicas_repl_buffer_size 的峰值。',
  ),
  replicas_waiting_psync: doc(
    R,
    'Valkey 8+: replicas that finished loading a dual-channel RDB and wait to continue with PSYNC.',
    'Valkey 8+：已加载完双通道 RDB、正等待通过 PSYNC 继续同步的从节点数。',
  ),
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

/** Doc for a field, also for numbered fields: `slave3` and `replica3` → `slaveN`, `db2` → `dbN`. */
export function fieldDoc(name: string): FieldDoc | undefined {
  // hasOwn: `constructor` or `toString` must not resolve to Object.prototype members.
  if (Object.hasOwn(FIELD_DOCS, name)) return FIELD_DOCS[name];
  const numbered = name.replace(/^(slave|replica|db)\d+$/, (_m, p: string) =>
    p === 'db' ? 'dbN' : 'slaveN',
  );
  return numbered !== name && Object.hasOwn(FIELD_DOCS, numbered)
    ? FIELD_DOCS[numbered]
    : undefined;
}
