// What a poll reads with CONFIG GET, and how the replies become one record.
import { bareRecord, isHostileName } from '../../lib/info/safe-record';
import { classifyConnectionError } from './connection-error';

/**
 * Replication-relevant parameters read with CONFIG GET (never secrets such as masterauth), in
 * the same pipeline as the poll's INFO or ROLE: still one round trip. Redis ≥ 7 answers them all
 * in one call; an older server (one pattern per call), or one not yet known, gets one per name.
 */
export const CONFIG_PARAMS = [
  'save',
  'appendonly',
  'repl-backlog-size',
  'repl-backlog-ttl',
  'repl-timeout',
  'repl-ping-replica-period',
  'tcp-keepalive',
  'repl-diskless-sync',
  'repl-diskless-sync-delay',
  'repl-diskless-load',
  'client-output-buffer-limit',
  'min-replicas-to-write',
  'min-replicas-max-lag',
  'replica-read-only',
  'replica-serve-stale-data',
  'replica-priority',
  'maxmemory',
  'maxmemory-policy',
  // Redis Cluster: when a replica may still fail over, and when replicas migrate.
  'cluster-node-timeout',
  'cluster-replica-validity-factor',
  'cluster-migration-barrier',
];


export function readConfigReplies(replies: Array<[Error | null, unknown]>): { config?: Record<string, string>; configError?: string } {
  // The names come from the node: no prototype to write through or inherit from (safe-record.ts).
  const config = bareRecord<string>();
  for (const [err, reply] of replies) {
    if (err) return { configError: classifyConnectionError(err).message };
    if (!Array.isArray(reply)) continue;
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const name = String(reply[i]).toLowerCase();
      if (!isHostileName(name)) config[name] = String(reply[i + 1]);
    }
  }
  return { config };
}
