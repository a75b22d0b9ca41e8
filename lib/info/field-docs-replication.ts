// Meaning of every INFO replication field (master and replica side), en and zh side by side.
import { doc, type FieldDoc } from './field-doc';

const R = 'replication';

export const REPLICATION_DOCS: Record<string, FieldDoc> = {
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
    '挂在本节点上的从节点数，包含任何状态（等待 RDB 快照、正在接收 RDB、在线）。',
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
};
