// Shapes shared by the log parser, classifier and storm folder. Kept apart from the code so the
// wire contract (lib/contracts) and the UI can import them without pulling in the rule table.

export type LogRole = 'master' | 'replica' | 'child' | 'sentinel';
export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning';
/**
 * modern: `pid:R dd Mon [yyyy] hh:mm:ss.mmm L msg` (Redis ≥ 3; the year appeared in 4.0);
 * legacy: `[pid] dd Mon hh:mm:ss[.mmm] L msg` (Redis ≤ 2.8, the runbook's examples);
 * signal: `pid:signal-handler (unix-seconds) msg`; unknown: anything else, kept verbatim.
 */
export type LogFormat = 'modern' | 'legacy' | 'signal' | 'unknown';

export interface LogLine {
  raw: string;
  pid: number | null;
  role: LogRole | null;
  roleChar: string | null;
  /** Epoch ms; null when the line carries no usable timestamp. */
  time: number | null;
  level: LogLevel | null;
  levelChar: string | null;
  message: string;
  format: LogFormat;
  /** The line was longer than MAX_LOG_LINE_CHARS; raw and message hold only its start. */
  truncated: boolean;
}

export interface ParseContext {
  /** Year for year-less lines (Redis ≤ 3.2 and the legacy format). Wins over nowMs. */
  year?: number;
  /** "Now" for year inference: a line that would land > 1 day in the future is last year's. */
  nowMs?: number;
  /** Offset of the Redis host's local time from UTC in minutes (UTC+8 → 480). Default 0. */
  tzOffsetMinutes?: number;
}

export type LogCategory =
  | 'normal_progress'
  | 'link_lost'
  | 'full_resync'
  | 'partial_resync_ok'
  | 'partial_resync_refused'
  | 'timeout'
  | 'auth_config_error'
  | 'output_buffer_limit'
  | 'persistence_fork'
  | 'role_change'
  | 'lifecycle'
  | 'other';

export type LogVerdict = 'normal' | 'notable' | 'abnormal';

/** Root causes a single line proves on its own; diagnosis turns them into finding causes. */
export type LogCauseHint =
  | 'auth_failed'
  | 'connection_refused'
  | 'timeout'
  | 'backlog_exhausted'
  | 'output_buffer_limit'
  | 'replica_restarted'
  | 'fork_failed';

export interface PeerAddress {
  host: string;
  port: number;
}

export interface Classification {
  category: LogCategory;
  verdict: LogVerdict;
  ruleId: string;
  /** The other node this line talks about, by its listening address. */
  peer?: PeerAddress;
  /** A client socket address (ephemeral port) — not a node address; see the obuf rule. */
  peerClientAddr?: PeerAddress;
  causeHint?: LogCauseHint;
}
