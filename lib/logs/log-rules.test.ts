import assert from 'node:assert/strict';
import { test } from 'node:test';

import { classifyLogLine, LOG_RULES, SENTINEL_RULES } from './log-classifier';

// One real-shaped message per rule, filled in from the format strings in
// shared/reference/redis-replication.md §2 (7.2.6 unless marked). A rule that an earlier,
// broader rule shadows fails here.
// One entry per line reads as a table.
// prettier-ignore
const SAMPLES: Record<string, string[]> = {
  replicaof_enabled: ["REPLICAOF 10.0.0.1:6379 enabled (user request from 'id=5 addr=10.0.0.9:40000 cmd=replicaof')", "SLAVE OF 10.0.0.1:6379 enabled (user request from 'id=5')"],
  replicaof_noop: ['REPLICAOF would result into synchronization with the master we are already connected with. No operation performed.'],
  turning_into_replica: ['Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.', 'Before turning into a slave, using my master parameters to synthesize a cached master: ...'],
  connecting: ['Connecting to MASTER 10.0.0.1:6379'],
  reconnecting_after_failure: ['Reconnecting to MASTER 10.0.0.1:6379 after failure'],
  reconnecting: ['Reconnecting to MASTER 10.0.0.1:6379'],
  sync_started: ['MASTER <-> REPLICA sync started'],
  connect_fired: ['Non blocking connect for SYNC fired the event.'],
  ping_replied: ['Master replied to PING, replication can continue...'],
  psync_trying: ['Trying a partial resynchronization (request 3f2a9c0e1b4d5f6a7b8c9d0e1f2a3b4c5d6e7f80:1234).'],
  psync_bad_offset: ['Replica 10.0.0.2:6379 asks for synchronization but with a wrong offset'],
  sync_asked: ['Replica 10.0.0.2:6379 asks for synchronization'],
  psync_requested_runbook: ['Partial resync requested by slave 192.168.1.10:6379'],
  psync_debug_offset: ['[PSYNC] Replica request offset: 1234'],
  psync_accepted: ['Partial resynchronization request from 10.0.0.2:6379 accepted. Sending 0 bytes of backlog starting from offset 51.'],
  psync_ok_replica_side: ['Successful partial resynchronization with master.'],
  psync_ok_final: ['MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.'],
  master_replid_changed: ['Master replication ID changed to 03d7a1cbaaa723ca9d4d6a8b1478a7dabe1d7455'],
  psync_lack_of_backlog: ['Unable to partial resync with replica 10.0.0.2:6379 for lack of backlog (Replica request was: 3862188).', 'Unable to partial resync with slave 10.0.0.2:6379 for lack of backlog (Slave request was: 1).'],
  psync_unable: ['Unable to partial resync'],
  psync_replid_mismatch: ["Partial resynchronization not accepted: Replication ID mismatch (Replica asked for 'a', my replication IDs are 'b' and 'c')"],
  psync_second_id_offset: ['Partial resynchronization not accepted: Requested offset for second ID was 100, but I can reply up to 90'],
  psync_offset_ahead: ['Warning: replica 10.0.0.2:6379 tried to PSYNC with an offset that is greater than the master replication offset.'],
  psync_no_cached_master: ['Partial resynchronization not possible (no cached master)'],
  psync_master_unable: ["Master is currently unable to PSYNC but should be in the future: -NOMASTERLINK Can't SYNC while not connected with my master"],
  psync_unexpected_auth: ["Unexpected reply to PSYNC from master: -NOPERM User repl has no permissions to run the 'psync' command"],
  psync_unexpected: ['Unexpected reply to PSYNC from master: -LOADING Redis is loading the dataset in memory'],
  psync_unsupported: ['Master does not support PSYNC or is in error state (reply: -ERR unknown command)'],
  sync_retrying: ['Retrying with SYNC...'],
  psync_no_reply: ['Master did not reply to PSYNC, will try later'],
  psync_send_failed: ['Unable to send PSYNC to master: Connection reset by peer'],
  fullresync_syntax: ['Master replied with wrong +FULLRESYNC syntax.'],
  fullsync_requested: ['Full resync requested by replica 10.0.0.2:6379'],
  backlog_created: ["Replication backlog created, my new replication IDs are 'a' and 'b'"],
  bgsave_for_sync: ['Starting BGSAVE for SYNC with target: disk'],
  bgsave_waiting: ['Delay next BGSAVE for diskless SYNC', 'Waiting for end of BGSAVE for SYNC', "Can't attach the replica to the current BGSAVE. Waiting for next BGSAVE for SYNC", 'Current BGSAVE has socket target. Waiting for next BGSAVE for SYNC', 'No BGSAVE in progress, but another BG operation is active. BGSAVE for replication delayed'],
  rdb_transfer_bg: ['Background RDB transfer started by pid 123', 'Background RDB transfer terminated with success'],
  diskless_done_reading: ['Diskless rdb transfer, done reading from pipe, 1 replicas still up.'],
  fullsync_from_master: ['Full resync from master: 03d7a1cbaaa723ca9d4d6a8b1478a7dabe1d7455:101'],
  fullsync_temp_db_dropped: ['MASTER <-> REPLICA sync: Discarding temporary DB in background'],
  fullsync_progress: ['MASTER <-> REPLICA sync: receiving 1234 bytes from master to disk', 'MASTER <-> REPLICA sync: Flushing old data', 'MASTER <-> REPLICA sync: Loading DB in memory', 'MASTER <-> REPLICA sync: Swapping active DB with loaded DB', 'MASTER <-> REPLICA sync: Discarding old DB in background', 'MASTER <-> SLAVE sync: Finished with success'],
  cached_master_discarded: ['Discarding previously cached master state.'],
  sync_succeeded: ['Synchronization with replica 10.0.0.2:6379 succeeded', 'Streamed RDB transfer with replica 10.0.0.2:6379 succeeded (socket). Waiting for REPLCONF ACK from replica to enable streaming'],
  rdb_only_done: ['RDB transfer completed, rdb only replica (10.0.0.2:6379) should be disconnected asap'],
  pending_child_killed: ['Replica is about to load the RDB file received from the master, but there is a pending RDB child running. Killing process 77 and removing its temp file to avoid any race'],
  timeout_connecting: ['Timeout connecting to the MASTER...'],
  timeout_bulk: ["Timeout receiving bulk data from MASTER... If the problem persists try to set the 'repl-timeout' parameter in redis.conf to a larger value."],
  timeout_master: ['MASTER timeout: no data nor PING received...'],
  timeout_replica: ['Disconnecting timedout replica (full sync): 10.0.0.2:6379', 'Disconnecting timedout replica: 10.0.0.2:6379'],
  timeout_handshake: ['Master did not respond to command during SYNC handshake'],
  auth_unable: ['Unable to AUTH to MASTER: -WRONGPASS invalid username-password pair or user is disabled.'],
  aborted_auth: ["MASTER aborted replication with an error: NOPERM User repl has no permissions to run the 'sync' command"],
  aborted: ["MASTER aborted replication with an error: ERR BGSAVE failed, replication can't continue"],
  replconf_auth: ['(Non critical) Master does not understand REPLCONF capa: -NOAUTH Authentication required.'],
  replconf_unknown: ['(Non critical) Master does not understand REPLCONF ip-address: -ERR unknown option'],
  ping_error: ["Error reply to PING from master: '-LOADING Redis is loading the dataset in memory'"],
  bad_protocol: ["Bad protocol from MASTER, the first byte is not '$' (we received 'HTTP/1.1'), are you sure the host and port are right?"],
  link_lost_master: ['Connection with master lost.'],
  link_lost_replica: ['Connection with replica 10.0.0.2:6379 lost.'],
  master_state_cached: ['Caching the disconnected master state.'],
  sync_socket_error: ['Error condition on socket for SYNC: Connection refused'],
  connect_failed: ['Unable to connect to MASTER: Name or service not known'],
  handshake_io_error: ['Failed to read response from the server: Connection reset by peer', 'Sending command to master in replication handshake: Broken pipe', 'I/O error reading bulk count from MASTER: Resource temporarily unavailable', 'I/O error trying to sync with MASTER: connection lost', 'I/O error writing to MASTER: Broken pipe'],
  transfer_io_error: ['Write error sending DB to replica: Broken pipe', 'Read error sending DB to replica: EOF', 'Diskless rdb transfer, write error sending DB to replica: Broken pipe', 'Diskless rdb transfer, last replica dropped, killing fork child.'],
  inline_from_master: ['WARNING: Receiving inline protocol from master, master stream corruption? Closing the master connection and discarding the cached master.'],
  protocol_error_master: ["Protocol error (unbalanced quotes in request) from client: id=3 addr=10.0.0.1:6379 flags=M db=0. Query buffer during protocol error: 'x'"],
  sync_state_machine: ['syncWithMaster(): state machine error, state should be RECEIVE_PSYNC but is 3'],
  obuf_limit: ['Client id=11 addr=127.0.0.1:41794 laddr=127.0.0.1:17001 fd=9 name= flags=S db=0 omem=1052672 cmd=replconf scheduled to be closed ASAP for overcoming of output buffer limits.', 'Client id=11 addr=127.0.0.1:41794 flags=S closed for overcoming of output buffer limits.'],
  fork_failed: ["Can't save in background: fork: Cannot allocate memory"],
  bgsave_failed: ['Background saving error', 'BGSAVE for replication failed', 'SYNC failed. BGSAVE child returned an error', 'Background transfer terminated by signal 9'],
  replica_disk_error: ['Failed trying to load the MASTER synchronization DB from disk, check server logs.', 'Write error or short write writing to the DB dump file needed for MASTER <-> REPLICA synchronization: No space left on device', 'Opening the temp file needed for MASTER <-> REPLICA synchronization: Permission denied'],
  overcommit_warning: ['WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.'],
  bgsave_progress: ['Background saving started by pid 9', 'DB saved on disk', 'Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB', 'RDB: 3 MB of memory used by copy-on-write'],
  rdb_loading: ['Loading RDB produced by version 7.0.15', 'Done loading RDB, keys loaded: 0, keys expired: 0.'],
  master_mode: ["MASTER MODE enabled (user request from 'id=6 addr=127.0.0.1:51428 cmd=replicaof')"],
  secondary_replid: ['Setting secondary replication ID to a, valid up to offset: 102. New replication ID is b'],
  failover_received: ['Failover request received for replid f602ff196fb60d41d99ac48d8e892ad3c76b532e.'],
  failover_aborted: ['FAILOVER to 10.0.0.2:6379 aborted: Replica never caught up before timeout', 'FAILOVER to any replica aborted: Failover manually aborted'],
  failover_requested: ['FAILOVER requested to 10.0.0.2:6379.', 'FAILOVER requested to any replica.', 'Failover target 10.0.0.2:6379 is synced, failing over.', 'FAILOVER to 10.0.0.2:6379 time out exceeded, failing over.'],
  backlog_freed: ['Replication backlog freed after 3600 seconds without connected replicas.'],
  debug_change_replid: ['Changing replication IDs after receiving DEBUG change-repl-id'],
  shutdown_replicas_lagging: ['Lagging replica 127.0.0.1:17002 reported offset 2068 behind master, lag=3, state=online.'],
  shutdown_in_sync: ['0 of 1 replicas are in sync when shutting down.'],
  shutdown: ['User requested shutdown...', 'Waiting for replicas before shutting down.', 'Redis is now ready to exit, bye bye...', 'Received SIGTERM scheduling shutdown...'],
  // Real lines from test/fixtures/logs (Redis 7.0.15) and reference §K.
  shutdown_save: ['Saving the final RDB snapshot before exiting.', 'Calling fsync() on the AOF file.', 'Removing the pid file.'],
  shutdown_failed: ["Error trying to save the DB, can't exit.", 'Errors trying to shut down the server. Check the logs for more information.'],
  startup: ['oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'],
  startup_progress: ['Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid=19460, just started', 'Configuration loaded', 'Running mode=standalone, port=28021.', 'Server initialized', 'Ready to accept connections', 'monotonic clock: POSIX clock_gettime'],
  critical_error: ["== CRITICAL == This replica is sending an error to its master: 'ERR x' after processing the command 'set'"],
  backlog_dump: ['Latest backlog is: \'"*1\\r\\n"\''],
  client_buffer_misc: ['Evicting client: id=9 addr=1.2.3.4:5'],
  sentinel_down: ['+sdown master mymaster 127.0.0.1 17001', '+odown master mymaster 127.0.0.1 17001 #quorum 1/1'],
  sentinel_up: ['-sdown slave 127.0.0.1:17002 127.0.0.1 17002 @ mymaster 127.0.0.1 17001'],
  sentinel_switch_master: ['+switch-master mymaster 127.0.0.1 17001 127.0.0.1 17002'],
  sentinel_failover_failed: ['-failover-abort-not-elected master mymaster 127.0.0.1 17001', '+failover-end-for-timeout master mymaster 127.0.0.1 17001'],
  sentinel_promotion: ['+promoted-slave slave 127.0.0.1:17002 127.0.0.1 17002 @ mymaster 127.0.0.1 17001', '+convert-to-slave slave 127.0.0.1:17001 127.0.0.1 17001 @ mymaster 127.0.0.1 17002', '+failover-end master mymaster 127.0.0.1 17001'],
  sentinel_failover_step: ['+failover-state-select-slave master mymaster 127.0.0.1 17001', '+selected-slave slave 127.0.0.1:17002 127.0.0.1 17002 @ mymaster 127.0.0.1 17001'],
  sentinel_election: ['+new-epoch 1', '+vote-for-leader 3a1b2c 1'],
  sentinel_reconf_timeout: ['-slave-reconf-sent-timeout slave 127.0.0.1:17003 127.0.0.1 17003 @ mymaster 127.0.0.1 17001'],
  sentinel_reboot: ['+reboot master mymaster 127.0.0.1 17001'],
  sentinel_link_reconnect: ['-cmd-link-reconnection master mymaster 127.0.0.1 17001 #Connection refused'],
  sentinel_tilt: ['+tilt #tilt mode entered'],
};

test('every classifier rule has a unique id and is reached by its own sample message', () => {
  const rules = [...LOG_RULES, ...SENTINEL_RULES];
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
  for (const rule of rules) {
    const samples = SAMPLES[rule.id];
    assert.ok(samples?.length, `rule ${rule.id} has no sample`);
    for (const message of samples) assert.equal(classifyLogLine(message).ruleId, rule.id, message);
  }
  assert.deepEqual(
    Object.keys(SAMPLES).filter((id) => !rules.some((r) => r.id === id)),
    [],
  );
});

test('classifyLogLine() marks an unsafe shutdown abnormal only when replicas were left behind', () => {
  assert.equal(
    classifyLogLine('0 of 2 replicas are in sync when shutting down.').verdict,
    'abnormal',
  );
  assert.equal(
    classifyLogLine('2 of 2 replicas are in sync when shutting down.').verdict,
    'notable',
  );
});

test('classifyLogLine() gives a cause only where the quoted error proves one', () => {
  const cause = (m: string) => classifyLogLine(m).causeHint;
  assert.equal(cause('Unable to connect to MASTER: Connection refused'), 'connection_refused');
  assert.equal(cause('Unable to connect to MASTER: Name or service not known'), undefined);
  assert.equal(
    cause(
      "MASTER aborted replication with an error: ERR BGSAVE failed, replication can't continue",
    ),
    undefined,
  );
  assert.equal(cause('Timeout connecting to the MASTER...'), 'timeout');
  assert.equal(cause("Can't save in background: fork: Cannot allocate memory"), 'fork_failed');
  assert.equal(
    cause('-cmd-link-reconnection master mymaster 127.0.0.1 17001 #Connection refused'),
    'connection_refused',
  );
});
