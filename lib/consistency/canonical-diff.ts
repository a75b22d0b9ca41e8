// Type-aware comparison of values read in canonical form (field order, encodings and DUMP
// bytes do not matter). Values are never copied into the description, only names and positions.
import type { TextRef } from '../contracts/text-ref';
import { textRef } from '../i18n/text-ref';
import { displayBinary } from './key-display';

const NAME_UNIT = { hash: 'fields', set: 'members', zset: 'members' } as const;
const nameUnit = (type: string): 'fields' | 'members' | 'elements' =>
  type === 'hash' || type === 'set' || type === 'zset' ? NAME_UNIT[type] : 'elements';

/** zset scores come back as text from both sides; "1" and "1.0" are the same score. */
export const sameScore = (a: string, b: string): boolean => a === b || Number(a) === Number(b);

/**
 * Unordered collections: hash (field → value), set (member → ''), zset (member → score).
 * Returns null when equal, else what differs with a first example of each kind.
 */
export function diffUnordered(
  type: string,
  master: ReadonlyMap<string, string>,
  replica: ReadonlyMap<string, string>,
  sameValue: (a: string, b: string) => boolean = (a, b) => a === b,
): TextRef | null {
  let onlyMaster = 0;
  let onlyReplica = 0;
  let changed = 0;
  let exMaster: string | undefined;
  let exReplica: string | undefined;
  let exChanged: string | undefined;
  for (const [name, value] of master) {
    const other = replica.get(name);
    if (other === undefined) {
      onlyMaster++;
      exMaster ??= name;
    } else if (!sameValue(value, other)) {
      changed++;
      exChanged ??= name;
    }
  }
  for (const name of replica.keys()) {
    if (!master.has(name)) {
      onlyReplica++;
      exReplica ??= name;
    }
  }
  if (!onlyMaster && !onlyReplica && !changed) return null;
  const unit = textRef(`checkText.unit.${nameUnit(type)}`);
  const part = (count: number, which: 'onlyMaster' | 'onlyReplica' | 'changed', name: string | undefined): TextRef => {
    const what = textRef(type === 'zset' ? 'checkText.score' : 'checkText.value');
    const params = { count, unit, ...(which === 'changed' ? { what } : {}) };
    return name === undefined
      ? textRef(`checkText.${which}`, params)
      : textRef(`checkText.${which}Eg`, { ...params, name: displayBinary(name, 60) });
  };
  const parts: TextRef[] = [];
  if (onlyMaster) parts.push(part(onlyMaster, 'onlyMaster', exMaster));
  if (onlyReplica) parts.push(part(onlyReplica, 'onlyReplica', exReplica));
  if (changed) parts.push(part(changed, 'changed', exChanged));
  return textRef('textRef.list', { items: parts });
}

/** Index of the first differing element of two chunks, or -1 when they are equal. */
export function firstDifference(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Ordered values (string bytes, list elements, stream entries) read chunk by chunk. */
export function describeOrderedDiff(type: string, index: number): TextRef {
  if (type === 'string') return textRef('checkText.bytesFrom', { index });
  if (type === 'stream') return textRef('checkText.streamFrom', { index });
  return textRef('checkText.elementDiffers', { type, index });
}

/** Stream entry as one comparable string: id plus field/value pairs, unambiguous. */
export const streamEntryText = (id: string, fields: readonly string[]): string => JSON.stringify([id, ...fields]);

/** The id after `id` (XRANGE with an exclusive start works on every version this way). */
export function nextStreamId(id: string): string {
  const [ms = '0', seq = '0'] = id.split('-');
  const s = BigInt(seq);
  // 2^64-1 is the last sequence of a millisecond.
  return s >= 18446744073709551615n ? `${BigInt(ms) + 1n}-0` : `${ms}-${s + 1n}`;
}

/** One side's whole value in canonical form (used by re-check rounds, which read each side alone). */
export type CanonicalValue = { type: string; ordered: string[] } | { type: string; unordered: Map<string, string> };

export function diffCanonical(a: CanonicalValue, b: CanonicalValue): TextRef | null {
  if ('unordered' in a && 'unordered' in b) return diffUnordered(a.type, a.unordered, b.unordered, a.type === 'zset' ? sameScore : undefined);
  if ('ordered' in a && 'ordered' in b) {
    if (a.type === 'string') {
      const x = a.ordered.join('');
      const y = b.ordered.join('');
      if (x === y) return null;
      let i = 0;
      while (i < x.length && i < y.length && x[i] === y[i]) i++;
      return describeOrderedDiff('string', i);
    }
    const at = firstDifference(a.ordered, b.ordered);
    return at < 0 ? null : describeOrderedDiff(a.type, at);
  }
  return textRef('checkText.masterVsReplica', { master: a.type, replica: b.type });
}

/**
 * A whole small value as the batched read returns it (GET / LRANGE / SMEMBERS / ZRANGE
 * WITHSCORES / HGETALL / XRANGE, binary strings) → canonical form; null for other types.
 */
export function canonicalFromReply(type: string, reply: unknown): CanonicalValue | null {
  const items: unknown[] = Array.isArray(reply) ? reply : [];
  const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
  const pairs = () => {
    const m = new Map<string, string>();
    for (let i = 0; i + 1 < items.length; i += 2) m.set(str(items[i]), str(items[i + 1]));
    return m;
  };
  switch (type) {
    case 'string':
    case 'list':
      return { type, ordered: items.map(str) };
    case 'set':
      return { type, unordered: new Map(items.map((m) => [str(m), ''])) };
    case 'hash':
    case 'zset':
      return { type, unordered: pairs() };
    case 'stream':
      return {
        type,
        ordered: items.map((e) => {
          const [id, fields]: unknown[] = Array.isArray(e) ? e : [];
          return streamEntryText(str(id), Array.isArray(fields) ? fields.map(str) : []);
        }),
      };
    default:
      return null;
  }
}
