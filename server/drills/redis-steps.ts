// Small Redis reads and writes the drill steps share: config, INFO fields, canary counts, and
// a DUMP-based backup of a (small, sandbox) dataset.
import type { Redis } from 'ioredis';
import { infoFields } from '../sandbox/redis-probe';

export { sleep } from '../sandbox';

export const CANARY_PREFIX = 'replicaops:drill:canary:';

export async function configGet(client: Redis, key: string): Promise<string> {
  const reply = await client.call('CONFIG', 'GET', key);
  return Array.isArray(reply) && reply[1] !== undefined ? String(reply[1]) : '';
}

export async function configSet(client: Redis, key: string, value: string): Promise<void> {
  await client.call('CONFIG', 'SET', key, value);
}

export async function infoNumber(
  client: Redis,
  section: string,
  field: string,
): Promise<number | null> {
  const value = infoFields(await client.info(section)).get(field);
  return value === undefined ? null : Number(value);
}

export async function infoField(
  client: Redis,
  section: string,
  field: string,
): Promise<string | undefined> {
  return infoFields(await client.info(section)).get(field);
}

/** How many of the `n` canary keys the node holds with the value the master wrote. */
export async function canaryCount(client: Redis, n: number): Promise<number> {
  if (n === 0) return 0;
  const keys = Array.from({ length: n }, (_, i) => `${CANARY_PREFIX}${i}`);
  const values = await client.mget(keys);
  return values.filter((v, i) => v === `canary ${i}`).length;
}

export interface Backup {
  size: number;
  restore(client: Redis): Promise<void>;
}

/**
 * DUMPs up to `maxKeys` keys with their TTLs, as a nightly backup would have them. SCAN, never
 * KEYS (which blocks the server); RESTORE goes to the master only: a read-only replica refuses
 * it, which is the seed's §4.4 mistake.
 */
export async function takeBackup(client: Redis, maxKeys: number): Promise<Backup> {
  const entries: Array<{ key: string; ttl: number; dump: Buffer }> = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      if (entries.length >= maxKeys) break;
      const [dump, ttl] = await Promise.all([client.dumpBuffer(key), client.pttl(key)]);
      if (dump) entries.push({ key, ttl: Math.max(0, ttl), dump });
    }
  } while (cursor !== '0' && entries.length < maxKeys);
  return {
    size: entries.length,
    async restore(target) {
      for (let i = 0; i < entries.length; i += 500) {
        const pipeline = target.pipeline();
        for (const e of entries.slice(i, i + 500))
          pipeline.restore(e.key, e.ttl, e.dump, 'REPLACE');
        const failed = ((await pipeline.exec()) ?? []).find(([err]) => err)?.[0];
        if (failed) throw failed;
      }
    },
  };
}
