// First-read verdict for one key from both sides' probes: equal, a definite difference, or
// "read the values" (unequal DUMP payloads prove nothing: encodings and iteration order differ
// between nodes that hold equal values — reference §8).
import type { DiffClass } from '../contracts';
import type { TextRef } from '../contracts/text-ref';
import { textRef } from '../i18n/text-ref';

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
  | { kind: 'diff'; cls: DiffClass; type: string; detail: TextRef }
  /** Same type and length but the payloads cannot prove equality: compare canonically. */
  | { kind: 'canonical'; type: string; ttlDetail?: TextRef };

const UNIT = {
  string: 'bytes',
  list: 'elements',
  set: 'members',
  zset: 'members',
  hash: 'fields',
  stream: 'entries',
} as const;

const isSized = (type: string): type is keyof typeof UNIT => Object.hasOwn(UNIT, type);

export const sizeText = (type: string, size: number): TextRef =>
  textRef(`checkText.size.${isSized(type) ? UNIT[type] : 'elements'}`, { n: size });

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const ttlText = (pttl: number): TextRef => (pttl >= 0 ? textRef('checkText.ttl', { ms: pttl }) : textRef('checkText.noTtl'));
const vs = (master: string | TextRef, replica: string | TextRef): TextRef => textRef('checkText.masterVsReplica', { master, replica });
const withAlso = (diff: TextRef, ttl: TextRef | undefined): TextRef => (ttl ? textRef('checkText.withAlso', { diff, ttl }) : diff);

/** A key about to expire may already be hidden on the replica (replicas expire lazily on read). */
const isExpiring = (p: KeyProbe, toleranceMs: number): boolean => p.pttl >= 0 && p.pttl <= toleranceMs;

function ttlDifference(m: KeyProbe, r: KeyProbe, toleranceMs: number): TextRef | undefined {
  const mHas = m.pttl >= 0;
  const rHas = r.pttl >= 0;
  if (mHas !== rHas) return vs(ttlText(m.pttl), ttlText(r.pttl));
  if (mHas && Math.abs(m.pttl - r.pttl) > toleranceMs)
    return textRef('checkText.ttlDiffers', { diff: Math.abs(m.pttl - r.pttl), master: m.pttl, replica: r.pttl });
  return undefined;
}

const onlyOn = (side: 'Master' | 'Replica', p: KeyProbe): TextRef =>
  textRef(`checkText.only${side}Key`, { type: p.type, size: sizeText(p.type, p.size), ttl: ttlText(p.pttl) });

export function classifyProbes(m: KeyProbe, r: KeyProbe, toleranceMs: number): Verdict {
  const mAbsent = m.type === 'none';
  const rAbsent = r.type === 'none';
  if (mAbsent && rAbsent) return { kind: 'equal' };
  if (rAbsent)
    return isExpiring(m, toleranceMs)
      ? { kind: 'equal' }
      : { kind: 'diff', cls: 'missingOnReplica', type: m.type, detail: onlyOn('Master', m) };
  if (mAbsent)
    return isExpiring(r, toleranceMs)
      ? { kind: 'equal' }
      : { kind: 'diff', cls: 'extraOnReplica', type: r.type, detail: onlyOn('Replica', r) };
  if (m.type !== r.type)
    return { kind: 'diff', cls: 'typeMismatch', type: m.type, detail: vs(m.type, r.type) };
  const ttl = isExpiring(m, toleranceMs) || isExpiring(r, toleranceMs) ? undefined : ttlDifference(m, r, toleranceMs);
  if (m.size !== r.size)
    return { kind: 'diff', cls: 'valueMismatch', type: m.type, detail: withAlso(vs(sizeText(m.type, m.size), sizeText(r.type, r.size)), ttl) };
  if (m.dump && r.dump && sameBytes(m.dump, r.dump))
    return ttl ? { kind: 'diff', cls: 'ttlMismatch', type: m.type, detail: ttl } : { kind: 'equal' };
  return ttl ? { kind: 'canonical', type: m.type, ttlDetail: ttl } : { kind: 'canonical', type: m.type };
}

/** After a canonical read: the final verdict for a key that reached `canonical`. */
export function canonicalVerdict(v: Extract<Verdict, { kind: 'canonical' }>, valueDiff: TextRef | null): Verdict {
  if (valueDiff !== null)
    return { kind: 'diff', cls: 'valueMismatch', type: v.type, detail: withAlso(valueDiff, v.ttlDetail) };
  if (v.ttlDetail) return { kind: 'diff', cls: 'ttlMismatch', type: v.type, detail: v.ttlDetail };
  return { kind: 'equal' };
}

/** The TTL difference a verdict carries, if any. */
function ttlOf(v: Verdict): TextRef | undefined {
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
