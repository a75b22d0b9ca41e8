// The replication log rule table: ordered, first match wins, compiled once at load.
// Source: shared/reference/redis-replication.md §2 (format strings of Redis 4.0 → 7.4), §3
// (slave→replica wording in 5.0), §11 (Valkey 8 "primary"), plus the runbook's own examples.
// Rules key on message text only: 7.2 moved several of these lines from `#` to `*`.
import type { LogCategory, LogCauseHint, LogVerdict } from './log-types';

/** `from-text`: the cause depends on the error the line quotes (see CAUSE_FROM_TEXT). */
export type RuleCause = LogCauseHint | 'from-text';

export interface LogRule {
  id: string;
  re: RegExp;
  category: LogCategory;
  verdict: LogVerdict;
  causeHint?: RuleCause;
  /** The line quotes a CLIENT LIST entry whose `addr=` is a client socket, not a node. */
  clientAddr?: boolean;
  /** Verdict when the quoted client is not a replica (flags without S). */
  nonReplicaVerdict?: LogVerdict;
  /** `<synced> of <total>`: abnormal when some replicas were left behind (writes lost on failover). */
  abnormalIfBehind?: boolean;
}

// Wording alternatives, matched case-insensitively: Redis 4.0 "slave", 5.0+ "replica",
// Valkey 8 "primary" for "master".
const MASTER = '(?:master|primary)';
const REPLICA = '(?:replica|slave)';
// Peer token: `ip:port`, `[v6]:port`, `host:port`, or `ip:<unknown-replica-port>` (parsed later).
const PEER = '(?<peer>\\S+)';

const rx = (s: TemplateStringsArray, ...v: string[]) =>
  new RegExp(String.raw({ raw: s.raw }, ...v), 'i');

type Opts = Omit<LogRule, 'id' | 're' | 'category' | 'verdict'>;
const rule = (
  id: string,
  re: RegExp,
  category: LogCategory,
  verdict: LogVerdict,
  o: Opts = {},
): LogRule => ({
  id,
  re,
  category,
  verdict,
  ...o,
});

/** Ordered: more specific wording before the generic rule that would also match it. */
// One rule per line reads as a table; wrapped by Prettier it would be ~5 lines a rule.
// prettier-ignore
export const LOG_RULES: readonly LogRule[] = [
  // A. Handshake and sync lifecycle.
  rule('replicaof_enabled', rx`^(?:REPLICAOF|SLAVE OF) (?<peer>\S+?) enabled \(user request`, 'role_change', 'notable'),
  rule('replicaof_noop', rx`^REPLICAOF would result into synchronization with the ${MASTER} we are already`, 'role_change', 'normal'),
  rule('turning_into_replica', rx`^Before turning into a ${REPLICA}, using my`, 'role_change', 'normal'),
  rule('connecting', rx`^Connecting to ${MASTER} ${PEER}`, 'normal_progress', 'normal'),
  rule('reconnecting_after_failure', rx`^Reconnecting to ${MASTER} ${PEER} after failure`, 'link_lost', 'abnormal'),
  // The link-loss line itself is the red one; the immediate reconnect that follows is expected.
  rule('reconnecting', rx`^Reconnecting to ${MASTER} ${PEER}`, 'link_lost', 'notable'),
  rule('sync_started', rx`^${MASTER} <-> ${REPLICA} sync started`, 'normal_progress', 'normal'),
  rule('connect_fired', rx`^Non blocking connect for SYNC fired the event`, 'normal_progress', 'normal'),
  // Not proof that auth works: Redis accepts -NOAUTH at the PING step (reference §10.7).
  rule('ping_replied', rx`^${MASTER} replied to PING, replication can continue`, 'normal_progress', 'normal'),
  rule('psync_trying', rx`^Trying a partial resynchronization \(request`, 'normal_progress', 'normal'),
  rule('psync_bad_offset', rx`^${REPLICA} ${PEER} asks for synchronization but with a wrong offset`, 'partial_resync_refused', 'abnormal'),
  rule('sync_asked', rx`^${REPLICA} ${PEER} asks for synchronization`, 'normal_progress', 'normal'),
  // Runbook-only wording (no Redis release prints it); kept so the seed's examples classify.
  rule('psync_requested_runbook', rx`^Partial resync requested by ${REPLICA} ${PEER}`, 'normal_progress', 'normal'),
  rule('psync_debug_offset', rx`^\[PSYNC\] ${REPLICA} request offset`, 'normal_progress', 'normal'),

  // D. Partial resync accepted.
  rule('psync_accepted', rx`^Partial resynchronization request from ${PEER} accepted`, 'partial_resync_ok', 'normal'),
  rule('psync_ok_replica_side', rx`^Successful partial resynchronization with (?:${MASTER}|${REPLICA} ${PEER})`, 'partial_resync_ok', 'normal'),
  rule('psync_ok_final', rx`^${MASTER} <-> ${REPLICA} sync: ${MASTER} accepted a Partial Resynchronization`, 'partial_resync_ok', 'normal'),
  rule('master_replid_changed', rx`^${MASTER} replication ID changed to`, 'role_change', 'notable'),

  // E. Partial resync refused.
  rule('psync_lack_of_backlog', rx`^Unable to partial resync with ${REPLICA} ${PEER} for lack of backlog`, 'partial_resync_refused', 'abnormal', { causeHint: 'backlog_exhausted' }),
  rule('psync_unable', rx`^Unable to partial resync`, 'partial_resync_refused', 'abnormal'),
  // Every brand-new replica offers its own random replid first, so one of these is routine.
  rule('psync_replid_mismatch', rx`^Partial resynchronization not accepted: Replication ID mismatch`, 'partial_resync_refused', 'notable'),
  rule('psync_second_id_offset', rx`^Partial resynchronization not accepted`, 'partial_resync_refused', 'abnormal'),
  rule('psync_offset_ahead', rx`^Warning: ${REPLICA} ${PEER} tried to PSYNC with an offset that is greater`, 'partial_resync_refused', 'abnormal'),
  rule('psync_no_cached_master', rx`^Partial resynchronization not possible \(no cached ${MASTER}\)`, 'partial_resync_refused', 'notable'),
  rule('psync_master_unable', rx`^${MASTER} is currently unable to PSYNC`, 'partial_resync_refused', 'abnormal'),
  rule('psync_unexpected_auth', rx`^Unexpected reply to PSYNC from ${MASTER}: -?(?:NOAUTH|NOPERM|WRONGPASS)`, 'auth_config_error', 'abnormal', { causeHint: 'auth_failed' }),
  rule('psync_unexpected', rx`^Unexpected reply to PSYNC from ${MASTER}`, 'partial_resync_refused', 'abnormal'),
  rule('psync_unsupported', rx`^${MASTER} does not support PSYNC or is in error state`, 'partial_resync_refused', 'abnormal'),
  rule('sync_retrying', rx`^Retrying with SYNC`, 'partial_resync_refused', 'notable'),
  rule('psync_no_reply', rx`^${MASTER} did not reply to PSYNC`, 'timeout', 'abnormal', { causeHint: 'timeout' }),
  rule('psync_send_failed', rx`^Unable to send PSYNC to ${MASTER}`, 'link_lost', 'abnormal', { causeHint: 'from-text' }),
  rule('fullresync_syntax', rx`^${MASTER} replied with wrong \+FULLRESYNC syntax`, 'partial_resync_refused', 'abnormal'),

  // C. Full resync. A full sync is expensive but can be legitimate (a new replica): notable.
  // `PSYNC ? -1` comes from a replica without cached state: restarted (or brand new).
  rule('fullsync_requested', rx`^Full resync requested(?: by ${REPLICA} ${PEER})?`, 'full_resync', 'notable', { causeHint: 'replica_restarted' }),
  rule('backlog_created', rx`^Replication backlog created`, 'full_resync', 'normal'),
  rule('bgsave_for_sync', rx`^Starting BGSAVE for SYNC`, 'full_resync', 'notable'),
  rule('bgsave_waiting', rx`^(?:Delay next BGSAVE|Waiting for end of BGSAVE|Can't attach the ${REPLICA}|Current BGSAVE has socket target|No BGSAVE in progress, but)`, 'full_resync', 'normal'),
  rule('rdb_transfer_bg', rx`^Background RDB transfer (?:started|terminated with success)`, 'full_resync', 'normal'),
  rule('diskless_done_reading', rx`^Diskless rdb transfer, done reading from pipe`, 'full_resync', 'normal'),
  rule('fullsync_from_master', rx`^Full resync from ${MASTER}`, 'full_resync', 'notable'),
  rule('fullsync_temp_db_dropped', rx`^${MASTER} <-> ${REPLICA} sync: Discarding temporary DB`, 'full_resync', 'abnormal'),
  rule('fullsync_progress', rx`^${MASTER} <-> ${REPLICA} sync: (?:receiving|Flushing old data|Loading DB in memory|Swapping active DB|Discarding old DB|Finished with success)`, 'full_resync', 'normal'),
  rule('cached_master_discarded', rx`^Discarding previously cached ${MASTER} state`, 'full_resync', 'normal'),
  rule('sync_succeeded', rx`^(?:Synchronization with|Streamed RDB transfer with) ${REPLICA} ${PEER} succeeded`, 'full_resync', 'normal'),
  rule('rdb_only_done', rx`^RDB transfer completed, rdb only ${REPLICA}`, 'full_resync', 'normal'),
  rule('pending_child_killed', rx`^${REPLICA} is about to load the RDB file received from the ${MASTER}`, 'full_resync', 'notable'),

  // F. Timeouts.
  rule('timeout_connecting', rx`^Timeout connecting to the ${MASTER}`, 'timeout', 'abnormal', { causeHint: 'timeout' }),
  rule('timeout_bulk', rx`^Timeout receiving bulk data from ${MASTER}`, 'timeout', 'abnormal', { causeHint: 'timeout' }),
  rule('timeout_master', rx`^${MASTER} timeout: no data nor PING received`, 'timeout', 'abnormal', { causeHint: 'timeout' }),
  rule('timeout_replica', rx`^Disconnecting timedout ${REPLICA}(?: \([a-z ]+\))?: ${PEER}`, 'timeout', 'abnormal', { causeHint: 'timeout' }),
  rule('timeout_handshake', rx`^${MASTER} did not respond to command during SYNC handshake`, 'timeout', 'abnormal', { causeHint: 'timeout' }),

  // G. Auth / ACL / handshake configuration.
  rule('auth_unable', rx`^Unable to AUTH to ${MASTER}`, 'auth_config_error', 'abnormal', { causeHint: 'auth_failed' }),
  rule('aborted_auth', rx`^${MASTER} aborted replication with an error: -?(?:NOAUTH|NOPERM|WRONGPASS)`, 'auth_config_error', 'abnormal', { causeHint: 'auth_failed' }),
  rule('aborted', rx`^${MASTER} aborted replication with an error`, 'link_lost', 'abnormal', { causeHint: 'from-text' }),
  // "(Non critical)" with -NOAUTH is the auth failure, not an old master (reference §2.G).
  rule('replconf_auth', rx`^\(Non critical\) ${MASTER} does not understand REPLCONF \S+: -?(?:NOAUTH|NOPERM)`, 'auth_config_error', 'notable', { causeHint: 'auth_failed' }),
  rule('replconf_unknown', rx`^\(Non critical\) ${MASTER} does not understand REPLCONF`, 'auth_config_error', 'notable'),
  rule('ping_error', rx`^Error reply to PING from ${MASTER}`, 'link_lost', 'abnormal', { causeHint: 'from-text' }),
  rule('bad_protocol', rx`^Bad protocol from ${MASTER}`, 'auth_config_error', 'abnormal'),

  // B. Link loss and I/O errors.
  rule('link_lost_master', rx`^Connection with ${MASTER} lost`, 'link_lost', 'abnormal'),
  rule('link_lost_replica', rx`^Connection with ${REPLICA} ${PEER} lost`, 'link_lost', 'abnormal'),
  rule('master_state_cached', rx`^Caching the disconnected ${MASTER} state`, 'link_lost', 'notable'),
  rule('sync_socket_error', rx`^Error condition on socket for SYNC`, 'link_lost', 'abnormal', { causeHint: 'from-text' }),
  rule('connect_failed', rx`^Unable to connect to ${MASTER}`, 'link_lost', 'abnormal', { causeHint: 'from-text' }),
  rule('handshake_io_error', rx`^(?:Failed to read response from the server|Sending command to ${MASTER} in replication handshake|I/O error (?:writing to|reading bulk count from|trying to sync with) ${MASTER})`, 'link_lost', 'abnormal', { causeHint: 'from-text' }),
  rule('transfer_io_error', rx`^(?:(?:Write|Read) error sending DB to ${REPLICA}|Diskless rdb transfer, (?:write|read) error|Diskless rdb transfer, last ${REPLICA} dropped|Write error sending RDB preamble)`, 'link_lost', 'abnormal'),
  rule('inline_from_master', rx`^WARNING: Receiving inline protocol from ${MASTER}`, 'link_lost', 'abnormal'),
  rule('protocol_error_master', rx`^Protocol error \(.*\) from client: .*\bflags=[a-zA-Z]*M`, 'link_lost', 'abnormal'),
  rule('sync_state_machine', rx`^syncWithMaster\(\): state machine error`, 'link_lost', 'abnormal'),

  // H. Output buffer limits. Only a replica client (flags=S) is a replication problem.
  rule('obuf_limit', rx`^Client (?<client>.*) (?:scheduled to be )?closed (?:ASAP )?for overcoming of output buffer limits`, 'output_buffer_limit', 'abnormal', { causeHint: 'output_buffer_limit', clientAddr: true, nonReplicaVerdict: 'notable' }),

  // I. Persistence and fork.
  rule('fork_failed', rx`^Can't save in background: fork`, 'persistence_fork', 'abnormal', { causeHint: 'fork_failed' }),
  rule('bgsave_failed', rx`^(?:BGSAVE for replication|SYNC failed\.|Background saving error|Background saving terminated by signal|Background transfer (?:error|terminated by signal))`, 'persistence_fork', 'abnormal'),
  rule('replica_disk_error', rx`^(?:Failed opening the temp RDB file|Opening the temp file needed for|Write error or short write writing to the DB dump file|Error truncating the RDB file received|Failed trying to (?:sync the temp DB|rename the temp DB|sync DB directory|load the ${MASTER} synchronization DB)|Replication stream EOF marker is broken|Failed enabling the AOF after successful|FATAL: this ${REPLICA} instance finished the synchronization|${REPLICA} is applying a command even though|${REPLICA} was unable to write command to disk)`, 'persistence_fork', 'abnormal'),
  rule('overcommit_warning', rx`^WARNING Memory overcommit must be enabled`, 'persistence_fork', 'notable'),
  rule('bgsave_progress', rx`^(?:Background saving (?:started|terminated with success)|DB saved on disk|Fork CoW for|(?:RDB|AOF|Module fork): \d+ MB of memory used by copy-on-write|Removing the RDB file)`, 'persistence_fork', 'normal'),
  rule('rdb_loading', rx`^(?:Loading RDB produced by version|RDB age|RDB memory usage when created|Done loading RDB|DB loaded from disk)`, 'persistence_fork', 'normal'),

  // J. Role changes, replication IDs, failover.
  rule('master_mode', rx`^${MASTER} MODE enabled`, 'role_change', 'notable', { clientAddr: true }),
  rule('secondary_replid', rx`^Setting secondary replication ID`, 'role_change', 'normal'),
  rule('failover_received', rx`^Failover request received for replid`, 'role_change', 'notable'),
  rule('failover_aborted', rx`^FAILOVER to (?:any replica|${PEER}) aborted`, 'role_change', 'abnormal'),
  rule('failover_requested', rx`^(?:FAILOVER requested to|Failover target|FAILOVER to) (?:any replica|${PEER})`, 'role_change', 'notable'),
  // The replid is renewed: any replica that comes back later needs a full sync.
  rule('backlog_freed', rx`^Replication backlog freed after`, 'role_change', 'notable'),
  rule('debug_change_replid', rx`^Changing replication IDs after receiving DEBUG`, 'role_change', 'notable'),

  // K. Shutdown and start-up (lifecycle: a replica restarting is why its link went away), and
  // crashes that affect replication.
  rule('shutdown_replicas_lagging', rx`^Lagging ${REPLICA} ${PEER} reported offset`, 'lifecycle', 'abnormal'),
  rule('shutdown_in_sync', rx`^(?<synced>\d+) of (?<total>\d+) ${REPLICA}s are in sync when shutting down`, 'lifecycle', 'notable', { abnormalIfBehind: true }),
  rule('shutdown', rx`^(?:User requested shutdown|Received SIG\w+ scheduling shutdown|Waiting for ${REPLICA}s before shutting down|\S+ is now ready to exit, bye bye)`, 'lifecycle', 'notable'),
  rule('shutdown_save', rx`^(?:Saving the final RDB snapshot before exiting|Calling fsync\(\) on the AOF file|Removing the pid file)`, 'lifecycle', 'normal'),
  rule('shutdown_failed', rx`^(?:Error trying to save the DB, can't exit|Errors trying to shut down the server)`, 'lifecycle', 'abnormal'),
  // A (re)start is worth seeing once; the lines that follow it are routine.
  rule('startup', rx`^(?:oO0OoO0OoO0Oo Redis is starting|Server started, Redis version)`, 'lifecycle', 'notable'),
  rule('startup_progress', rx`^(?:Redis version=\S+, bits=|Configuration loaded|Running mode=|Server initialized|Ready to accept connections|monotonic clock:|Increased maximum number of open files|The server is now ready to accept connections)`, 'lifecycle', 'normal'),
  rule('critical_error', rx`^(?:== CRITICAL ==|=== REDIS BUG REPORT START|Redis .* crashed by signal|Out Of Memory allocating)`, 'other', 'abnormal'),
  rule('backlog_dump', rx`^(?:Latest backlog is|hide-user-data-from-log is on)`, 'other', 'notable'),
  rule('client_buffer_misc', rx`^(?:Closing client that reached max query buffer length|Evicting client:)`, 'other', 'notable'),
];

/** Ordered: the first quoted error that names a cause wins. */
export const CAUSE_FROM_TEXT: readonly (readonly [RegExp, LogCauseHint])[] = [
  [/\b(?:NOAUTH|WRONGPASS|NOPERM)\b|invalid password/i, 'auth_failed'],
  [/Connection refused/i, 'connection_refused'],
  [/timed? ?out/i, 'timeout'],
];
