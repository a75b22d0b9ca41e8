// Typed view of `INFO` output. Field names stay Redis' own (snake_case) so the UI's field table,
// the docs and an operator's redis-cli session all speak the same words.

/** One `slaveN:ip=…,port=…,state=…,offset=…,lag=…` line of a master (or chained replica). */
export interface ReplicaEntry {
  /** N in `slaveN`. */
  index: number;
  ip: string;
  port: number;
  /** `wait_bgsave` | `send_bulk` | `online` | anything newer Redis invents. */
  state: string;
  /** Last REPLCONF ACK offset, in bytes. */
  offset: number;
  /** Seconds since the last ACK (0 unless state is online). */
  lag: number;
  /** Any key=value pair of the line this parser does not know. */
  extra: Record<string, string>;
}

export type InfoRole = 'master' | 'replica' | 'unknown';

/** `# Replication`, fully typed. Numbers are numbers; absent fields are undefined. */
export interface ReplicationInfo {
  /** `slave` is normalised to `replica`. */
  role: InfoRole;
  connected_slaves?: number;
  replicas: ReplicaEntry[];
  min_slaves_good_slaves?: number;
  master_failover_state?: string;
  master_replid?: string;
  master_replid2?: string;
  master_repl_offset?: number;
  second_repl_offset?: number;
  repl_backlog_active?: boolean;
  repl_backlog_size?: number;
  repl_backlog_first_byte_offset?: number;
  repl_backlog_histlen?: number;
  // Replica-only fields.
  master_host?: string;
  master_port?: number;
  master_link_status?: 'up' | 'down';
  master_last_io_seconds_ago?: number;
  master_sync_in_progress?: boolean;
  slave_read_repl_offset?: number;
  slave_repl_offset?: number;
  master_sync_total_bytes?: number;
  master_sync_read_bytes?: number;
  master_sync_left_bytes?: number;
  master_sync_perc?: number;
  master_sync_last_io_seconds_ago?: number;
  master_link_down_since_seconds?: number;
  slave_priority?: number;
  slave_read_only?: boolean;
  replica_announced?: boolean;
  /** Every field of the section this parser does not type, kept verbatim. */
  unknown: Record<string, string>;
}

/** Keyspace line `db0:keys=1,expires=0,avg_ttl=0,subexpiry=0`. */
export interface KeyspaceEntry {
  db: number;
  keys: number;
  expires: number;
  avg_ttl: number;
  extra: Record<string, string>;
}

export interface ParsedInfo {
  /** Every section by lower-case name (`server`, `replication`, …), every field as its raw string. */
  sections: Record<string, Record<string, string>>;
  replication: ReplicationInfo;
  keyspace: KeyspaceEntry[];
  /** Lines that were neither a header, a blank nor `key:value` (kept, never thrown on). */
  malformed: string[];
}
