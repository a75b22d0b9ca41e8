// SENTINEL MASTERS / REPLICAS / SENTINELS replies (arrays of flat field/value arrays) as typed
// records. Pure: the server hands in what ioredis returned.
import { z } from 'zod';

const FlatSchema = z.array(z.union([z.string(), z.number()]).transform(String));
const ListSchema = z.array(FlatSchema);

/** `[[k1, v1, k2, v2…], …]` → `[{ k1: v1, … }, …]`; anything else is an empty list. */
export function fieldRecords(reply: unknown): Array<Record<string, string>> {
  const parsed = ListSchema.safeParse(reply);
  if (!parsed.success) return [];
  return parsed.data.map((flat) => {
    const out: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const key = flat[i];
      const value = flat[i + 1];
      if (key !== undefined && value !== undefined) out[key] = value;
    }
    return out;
  });
}

const num = (v: string | undefined): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

export interface MasterRecord {
  name: string;
  host: string;
  port: number;
  flags: string[];
  quorum: number;
  numOtherSentinels: number;
  numSlaves: number;
  failoverState?: string;
  downAfterMs?: number;
  failoverTimeoutMs?: number;
  parallelSyncs?: number;
  /** The epoch of the configuration this Sentinel holds for the master (`config-epoch`). */
  configEpoch?: number;
}

export interface InstanceRecord {
  host: string;
  port: number;
  flags: string[];
  priority: number | null;
  masterLinkStatus: string | null;
  runId?: string;
}

const flags = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : []);

export function parseMasters(reply: unknown): MasterRecord[] {
  return fieldRecords(reply).flatMap((r) => {
    const port = num(r.port);
    if (!r.name || !r.ip || port === undefined) return [];
    const failoverState = r['failover-state'];
    return [
      {
        name: r.name,
        host: r.ip,
        port,
        flags: flags(r.flags),
        quorum: num(r.quorum) ?? 0,
        numOtherSentinels: num(r['num-other-sentinels']) ?? 0,
        numSlaves: num(r['num-slaves']) ?? 0,
        ...(failoverState && failoverState !== 'none' ? { failoverState } : {}),
        downAfterMs: num(r['down-after-milliseconds']),
        failoverTimeoutMs: num(r['failover-timeout']),
        parallelSyncs: num(r['parallel-syncs']),
        configEpoch: num(r['config-epoch']),
      },
    ];
  });
}

/** SENTINEL REPLICAS and SENTINEL SENTINELS entries. */
export function parseInstances(reply: unknown): InstanceRecord[] {
  return fieldRecords(reply).flatMap((r) => {
    const port = num(r.port);
    if (!r.ip || port === undefined) return [];
    return [
      {
        host: r.ip,
        port,
        flags: flags(r.flags),
        priority: num(r['slave-priority'] ?? r['replica-priority']) ?? null,
        masterLinkStatus: r['master-link-status'] ?? null,
        ...(r.runid ? { runId: r.runid } : {}),
      },
    ];
  });
}

/** `sentinel_tilt:1` in INFO sentinel. */
export function isTilted(infoSentinel: string): boolean {
  return /^sentinel_tilt:1\s*$/m.test(infoSentinel);
}
