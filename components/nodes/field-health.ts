// Pure: flags abnormal INFO replication values (seed §3.1 "异常状态识别", §5.1 alert levels).
import type { Status } from '@/lib/contracts';
import type { MessageKey, MessageParams } from '@/lib/i18n';

export interface FieldCheck {
  status: Exclude<Status, 'ok' | 'unknown'>;
  key: MessageKey;
  params?: MessageParams;
}

export interface ReplicaLine {
  ip: string;
  port: number | null;
  state: string;
  offset: number | null;
  lag: number | null;
  extra: Record<string, string>;
}

const REPLICA_LINE = /^(slave|replica)\d+$/;

export function isReplicaLineField(name: string): boolean {
  return REPLICA_LINE.test(name);
}

/** `ip=…,port=…,state=…,offset=…,lag=…` → parts (unknown keys kept in `extra`). */
export function parseReplicaLine(value: string): ReplicaLine | null {
  const parts: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) parts[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (parts.ip === undefined || parts.state === undefined) return null;
  const num = (v: string | undefined) => (v !== undefined && /^-?\d+$/.test(v) ? Number(v) : null);
  const { ip, port, state, offset, lag, ...extra } = parts;
  return { ip, port: num(port), state, offset: num(offset), lag: num(lag), extra };
}

/** Seed §5.1: lag < 2 s fine, 2–10 s warning, > 10 s critical. */
function lagStatus(lag: number): FieldCheck['status'] | null {
  if (lag > 10) return 'critical';
  if (lag >= 2) return 'warning';
  return null;
}

/** The problem with one field's value, or null when it looks healthy. */
export function checkReplicationField(
  name: string,
  value: string,
  fields: Readonly<Record<string, string>>,
): FieldCheck | null {
  const n = Number(value);
  switch (name) {
    case 'master_link_status':
      return value === 'down' ? { status: 'critical', key: 'health.linkDown' } : null;
    case 'slave_read_only':
    case 'replica_read_only':
      return value === '0' ? { status: 'critical', key: 'health.replicaWritable' } : null;
    case 'master_last_io_seconds_ago':
      if (n === -1) return { status: 'critical', key: 'health.noMasterClient' };
      if (n > 60) return { status: 'critical', key: 'health.ioStale', params: { n } };
      if (n > 10) return { status: 'warning', key: 'health.ioStale', params: { n } };
      return null;
    case 'master_sync_in_progress':
      return value === '1' ? { status: 'warning', key: 'health.syncInProgress' } : null;
    case 'master_sync_last_io_seconds_ago':
      return n > 10 ? { status: 'warning', key: 'health.transferStale', params: { n } } : null;
    case 'slave_repl_offset':
      return n < 0 ? { status: 'warning', key: 'health.offsetInvalid' } : null;
    case 'master_link_down_since_seconds':
      return n === -1
        ? { status: 'critical', key: 'health.linkNeverUp' }
        : { status: 'critical', key: 'health.linkDownSince', params: { n } };
    case 'master_failover_state':
      return value !== 'no-failover'
        ? { status: 'warning', key: 'health.failover', params: { state: value } }
        : null;
    case 'min_slaves_good_slaves':
      return n === 0 ? { status: 'critical', key: 'health.noGoodReplicas' } : null;
    case 'repl_backlog_active':
      return value === '0' && Number(fields.connected_slaves ?? 0) > 0
        ? { status: 'warning', key: 'health.backlogInactive' }
        : null;
    default:
      break;
  }
  if (isReplicaLineField(name)) {
    const line = parseReplicaLine(value);
    if (!line) return null;
    if (line.state !== 'online') {
      return { status: 'warning', key: 'health.slaveNotOnline', params: { state: line.state } };
    }
    const s = line.lag === null ? null : lagStatus(line.lag);
    return s ? { status: s, key: 'health.slaveLag', params: { n: line.lag ?? 0 } } : null;
  }
  return null;
}
