// First-read verdict for one key from both sides' probes: equal, a definite difference, or
// "read the values" (unequal DUMP payloads prove nothing: encodings and iteration order differ
// between nodes that hold equal values — reference §8).
import type { DiffClass } from '../contracts';

/** What one node says about one key, from a single batched read. */
export interface KeyProbe {
  /** Redis type name; `none` when the key does not exist (or is logically expired). */
  type: string;
  /** PTTL: -1 no expiry, -2 absent. */
  pttl: number;
  /** Logical length: STRLEN, LLEN, HLEN, SCARD, ZCARD, XLEN (0 when absent or unknown). */
  size: number;
  /** DUMP payload (sorted members for sets): equal bytes prove equal values; null when absent or too big. */
  dump: Uint8Array | null;
}

export type Verdict =
  | { kind: 'equal' }
  | { kind: 'diff'; cls: DiffClass; type: string; detail: string }
  /** Same type and length but the payloads cannot prove equality: compare canonically. */
  | { kind: 'canonical'; type: string; ttlDetail?: string };

const UNIT: Record<string, string> = {
  string: 'bytes',
  list: 'elements',
  set: 'members',
  zset: 'members',
  hash: 'fields',
  stream: 'entries',
};

export const sizeText = (type: string, size: number): string => `${size} ${UNIT[type] ?? 'elements'}`;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const ttlText = (pttl: number): string => (pttl >= 0 ? `TTL ${pttl} ms` : 'no TTL');

/** A key about to expire may already be hidden on the replica (replicas expire lazily on read). */
const isExpiring = (p: KeyProbe, toleranceMs: number): boolean => p.pttl >= 0 && p.pttl <= toleranceMs;

function ttlDifference(m: KeyProbe, r: KeyProbe, toleranceMs: number): string | undefined {
  const mHas = m.pttl >= 0;
  const rHas = r.pttl >= 0;
  if (mHas !== rHas) return `${ttlText(m.pttl)} on master, ${ttlText(r.pttl)} on replica`;
  if (mHas && Math.abs(m.pttl - r.pttl) > toleranceMs)
    return `TTL differs by ${Math.abs(m.pttl - r.pttl)} ms (master ${m.pttl}, replica ${r.pttl})`;
  return undefined;
}

export function classifyProbes(m: KeyProbe, r: KeyProbe, toleranceMs: number): Verdict {
  const mAbsent = m.type === 'none';
  const rAbsent = r.type === 'none';
  if (mAbsent && rAbsent) return { kind: 'equal' };
  if (rAbsent)
    return isExpiring(m, toleranceMs)
      ? { kind: 'equal' }
      : { kind: 'diff', cls: 'missingOnReplica', type: m.type, detail: `${m.type} of ${sizeText(m.type, m.size)}, ${ttlText(m.pttl)}, only on the master` };
  if (mAbsent)
    return isExpiring(r, toleranceMs)
      ? { kind: 'equal' }
      : { kind: 'diff', cls: 'extraOnReplica', type: r.type, detail: `${r.type} of ${sizeText(r.type, r.size)}, ${ttlText(r.pttl)}, only on the replica` };
  if (m.type !== r.type)
    return { kind: 'diff', cls: 'typeMismatch', type: m.type, detail: `${m.type} on master, ${r.type} on replica` };
  const ttl = isExpiring(m, toleranceMs) || isExpiring(r, toleranceMs) ? undefined : ttlDifference(m, r, toleranceMs);
  const withTtl = (s: string) => (ttl ? `${s}; also ${ttl}` : s);
  if (m.size !== r.size)
    return { kind: 'diff', cls: 'valueMismatch', type: m.type, detail: withTtl(`${sizeText(m.type, m.size)} on master, ${sizeText(r.type, r.size)} on replica`) };
  if (m.dump && r.dump && sameBytes(m.dump, r.dump))
    return ttl ? { kind: 'diff', cls: 'ttlMismatch', type: m.type, detail: ttl } : { kind: 'equal' };
  return ttl ? { kind: 'canonical', type: m.type, ttlDetail: ttl } : { kind: 'canonical', type: m.type };
}

/** After a canonical read: the final verdict for a key that reached `canonical`. */
export function canonicalVerdict(v: Extract<Verdict, { kind: 'canonical' }>, valueDiff: string | null): Verdict {
  if (valueDiff !== null)
    return { kind: 'diff', cls: 'valueMismatch', type: v.type, detail: v.ttlDetail ? `${valueDiff}; also ${v.ttlDetail}` : valueDiff };
  if (v.ttlDetail) return { kind: 'diff', cls: 'ttlMismatch', type: v.type, detail: v.ttlDetail };
  return { kind: 'equal' };
}

/** The TTL difference a verdict carries, if any. */
function ttlOf(v: Verdict): string | undefined {
  if (v.kind === 'canonical') return v.ttlDetail;
  if (v.kind === 'diff' && v.cls === 'ttlMismatch') return v.detail;
  return undefined;
}

/**
 * Re-check round: the replica was read between two master reads, so it may legitimately show
 * either master state. Equal to either → consistent; a TTL difference counts only if it holds
 * against both. `after` wins for the description.
 */
export function settleRecheck(before: Verdict, after: Verdict): Verdict {
  if (before.kind === 'equal' || after.kind === 'equal') return { kind: 'equal' };
  if (before.kind === 'canonical' || after.kind === 'canonical') {
    const ttl = ttlOf(before) && ttlOf(after);
    return ttl ? { kind: 'canonical', type: after.type, ttlDetail: ttlOf(after) } : { kind: 'canonical', type: after.type };
  }
  return after;
}
