// Pure: INFO values a person can read at a glance (16 MiB, 3 d 4 h, 1,234,567) for the fields
// whose unit is known; null leaves the raw value as it is. The raw value stays on hover.
import type { Formatters } from '@/lib/i18n';

const BYTE_FIELDS = new Set([
  'repl_backlog_size',
  'repl_backlog_histlen',
  'maxmemory',
  'total_system_memory',
  'mem_fragmentation_bytes',
  'mem_not_counted_for_evict',
  'mem_replication_backlog',
  'mem_clients_slaves',
  'mem_clients_normal',
  'mem_aof_buffer',
  'lazyfree_pending_objects_bytes',
  'master_sync_total_bytes',
  'master_sync_read_bytes',
  'master_sync_left_bytes',
  'rdb_last_cow_size',
  'aof_last_cow_size',
  'module_fork_last_cow_size',
  'aof_current_size',
  'aof_base_size',
  'aof_buffer_length',
]);

const SECONDS_FIELDS = new Set([
  'uptime_in_seconds',
  'master_last_io_seconds_ago',
  'master_link_down_since_seconds',
  'master_sync_last_io_seconds_ago',
  'rdb_last_bgsave_time_sec',
  'aof_last_rewrite_time_sec',
]);

const COUNT_FIELDS = /(_offset$|^total_(?!system_memory)\w+$|_count$|^rdb_changes_since_last_save$)/;

function isPlainNumber(value: string): boolean {
  return /^-?\d+$/.test(value);
}

export function humanInfoValue(field: string, value: string, fmt: Formatters): string | null {
  if (!isPlainNumber(value)) return null;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) return null;
  if (BYTE_FIELDS.has(field) || (/^used_memory(_\w+)?$/.test(field) && !field.endsWith('_human') && !field.endsWith('_perc'))) {
    if (n === 0 && field === 'maxmemory') return null; // 0 means "no limit": the meaning column says so
    return n < 1024 ? null : fmt.bytes(n);
  }
  if (SECONDS_FIELDS.has(field)) return n >= 60 ? fmt.duration(n) : null;
  if (COUNT_FIELDS.test(field)) return n >= 10_000 ? fmt.number(n) : null;
  return null;
}
