// Shared shapes of the config.apply risk model: the node state it reads and one effect draft.
import type { ActionEffect, Bilingual } from '../contracts';

/** What the node looks like right now, as far as the settings' effects go. */
export interface ConfigState {
  nodeId: string;
  role: 'master' | 'replica' | undefined;
  usedMemory: number;
  /** `mem_not_counted_for_evict`: replication and AOF buffers Redis leaves out of the limit. */
  notCountedForEvict: number;
  /** `used_memory_dataset`: what eviction can actually free. */
  datasetBytes: number;
  keys: number;
  /** Keys with a TTL: all a volatile-* policy may evict. */
  expiringKeys: number;
  /** Replicas listed online with their ACK lag (seconds). */
  replicas: Array<{ online: boolean; lag: number | undefined }>;
  backlogBytes: number;
  /** Replication stream rate (bytes/s) the monitor measured; null when unknown. */
  replOffsetRate: number | null;
  /** How long a full sync of this node would take (s): the output buffer must hold that much. */
  syncSeconds: number;
  /** The outage the backlog must cover (diagnosis.backlogOutageSeconds). */
  outageSeconds: number;
  /** Current values, CONFIG GET (null when the node does not know the name). */
  current: Record<string, string | null>;
}

export type Level = ActionEffect['level'] | 'forceable';
export interface Draft {
  code: string;
  level: Level;
  text: Bilingual;
  evictKeys?: number;
  evictBytes?: number;
}

export const bi = (en: string, zh: string): Bilingual => ({ en, zh });
export const EVICTING = /^(allkeys|volatile)-(lru|lfu|random|ttl)$/;

export function setting(
  name: string,
  s: Record<string, string>,
  st: ConfigState,
): string | undefined {
  return name in s ? s[name] : (st.current[name] ?? undefined);
}
