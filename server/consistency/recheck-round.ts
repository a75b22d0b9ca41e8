// One lag-aware re-check round for keys that differed. Order matters: read the master, wait
// until the replica has reached the master's offset, read the replica, read the master again.
// The replica then shows a state the master passed through between its two reads, so:
//   equal to either master read          → consistent (a write was in flight);
//   master unchanged between its reads   → the difference is real;
//   master changed and replica matches neither → unsettled (a hot key): try again next round.
// Keys whose payloads cannot prove equality are read whole in canonical form, in the same order
// (small ones batched, big ones in chunks, one at a time).
import type { Redis } from 'ioredis';
import { diffCanonical, type CanonicalValue } from '../../lib/consistency/canonical-diff';
import { canonicalVerdict, classifyProbes, settleRecheck, type Verdict } from '../../lib/consistency/classify';
import type { TextRef } from '../../lib/contracts/text-ref';
import { textRef } from '../../lib/i18n/text-ref';
import { readCanonical, type CanonicalOptions } from './canonical-reader';
import { replicationOffset } from './connections';
import type { KeyProber } from './key-prober';

export type Diff = Extract<Verdict, { kind: 'diff' }>;
type Canonical = Extract<Verdict, { kind: 'canonical' }>;

export interface RecheckContext {
  master: Redis;
  replica: Redis;
  mProbe: KeyProber;
  rProbe: KeyProber;
  ttlToleranceMs: number;
  canonical: CanonicalOptions;
  /** Resolves once the replica's offset reached `offset` (or the catch-up timeout passed). */
  waitCatchUp(offset: number): Promise<void>;
  skipped(key: Buffer, type: string, why: TextRef): void;
}

export interface Outcome {
  key: Buffer;
  /** false: the key changed on the master during the round and the replica matched neither state. */
  settled: boolean;
  verdict: Diff;
}

/** Keys that still differ (settled or not) after this round. */
export async function recheckRound(ctx: RecheckContext, keys: Buffer[]): Promise<Outcome[]> {
  const before = await ctx.mProbe.probe(keys);
  await ctx.waitCatchUp(await replicationOffset(ctx.master));
  const replica = await ctx.rProbe.probe(keys);
  const after = await ctx.mProbe.probe(keys);
  const out: Outcome[] = [];
  const canonical: Array<{ key: Buffer; v: Canonical; small: boolean }> = [];
  const tol = ctx.ttlToleranceMs;
  for (let i = 0; i < keys.length; i++) {
    const [key, r, b, a] = [keys[i], replica[i], before[i], after[i]];
    if (!key || !r || !b || !a) continue;
    const v = settleRecheck(classifyProbes(b, r, tol), classifyProbes(a, r, tol));
    if (v.kind === 'diff') out.push({ key, settled: classifyProbes(b, a, tol).kind === 'equal', verdict: v });
    else if (v.kind === 'canonical') canonical.push({ key, v, small: ctx.mProbe.isSmall(a) && ctx.mProbe.isSmall(b) });
  }
  const small = canonical.filter((c) => c.small);
  if (small.length) {
    const results = await smallTriple(ctx, small.map((c) => c.key), small.map((c) => c.v.type));
    small.forEach((c, i) => settle(out, c, results[i] ?? 'too-big', ctx));
  }
  for (const c of canonical.filter((x) => !x.small)) settle(out, c, await bigTriple(ctx, c.key, c.v.type), ctx);
  return out;
}

type Triple = { diff: TextRef | null; stable: boolean } | 'too-big';

function settle(out: Outcome[], c: { key: Buffer; v: Canonical }, t: Triple, ctx: RecheckContext): void {
  if (t === 'too-big') return ctx.skipped(c.key, c.v.type, textRef('checkText.skipTooLarge', { max: ctx.canonical.maxElements }));
  const v = canonicalVerdict(c.v, t.diff);
  if (v.kind === 'diff') out.push({ key: c.key, settled: t.stable, verdict: v });
}

function judgeTriple(before: CanonicalValue | null, replica: CanonicalValue | null, after: CanonicalValue | null): Triple {
  // A side that changed type between the probe and this read: unsettled, not proven.
  if (!before || !replica || !after) return { diff: textRef('checkText.changedWhileRead'), stable: false };
  if (diffCanonical(before, replica) === null) return { diff: null, stable: true };
  return { diff: diffCanonical(after, replica), stable: diffCanonical(before, after) === null };
}

/** Small values: one batched whole-value read per side, in the round's order. */
async function smallTriple(ctx: RecheckContext, keys: Buffer[], types: string[]): Promise<Triple[]> {
  const before = await ctx.mProbe.values(keys, types);
  await ctx.waitCatchUp(await replicationOffset(ctx.master));
  const replica = await ctx.rProbe.values(keys, types);
  const after = await ctx.mProbe.values(keys, types);
  return keys.map((_, i) => judgeTriple(before[i] ?? null, replica[i] ?? null, after[i] ?? null));
}

/** Big values: read whole in chunks, one key at a time. */
async function bigTriple(ctx: RecheckContext, key: Buffer, type: string): Promise<Triple> {
  const before = await readCanonical(ctx.master, key, type, ctx.canonical);
  await ctx.waitCatchUp(await replicationOffset(ctx.master));
  const replica = await readCanonical(ctx.replica, key, type, ctx.canonical);
  const after = await readCanonical(ctx.master, key, type, ctx.canonical);
  if (!before || !replica || !after) return 'too-big';
  return judgeTriple(before, replica, after);
}
