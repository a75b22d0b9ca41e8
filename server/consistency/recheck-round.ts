// One lag-aware re-check round for keys that differed. Order matters: read the master, wait
// until the replica has reached the master's offset, read the replica, read the master again.
// The replica then shows a state the master passed through between its two reads, so:
//   equal to either master read          → consistent (a write was in flight);
//   master unchanged between its reads   → the difference is real;
//   master changed and replica matches neither → unsettled (a hot key): try again next round.
// Keys whose payloads cannot prove equality are read whole in canonical form, same order.
import type { Redis } from 'ioredis';
import { diffCanonical } from '../../lib/consistency/canonical-diff';
import { canonicalVerdict, classifyProbes, settleRecheck, type Verdict } from '../../lib/consistency/classify';
import { readCanonical, type CanonicalOptions } from './canonical-reader';
import { replicationOffset } from './connections';
import type { KeyProber } from './key-prober';

export type Diff = Extract<Verdict, { kind: 'diff' }>;

export interface RecheckContext {
  master: Redis;
  replica: Redis;
  mProbe: KeyProber;
  rProbe: KeyProber;
  ttlToleranceMs: number;
  canonical: CanonicalOptions;
  /** Resolves once the replica's offset reached `offset` (or the catch-up timeout passed). */
  waitCatchUp(offset: number): Promise<void>;
  skipped(key: Buffer, type: string, why: string): void;
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
  const tol = ctx.ttlToleranceMs;
  for (let i = 0; i < keys.length; i++) {
    const [key, r, b, a] = [keys[i], replica[i], before[i], after[i]];
    if (!key || !r || !b || !a) continue;
    let v = settleRecheck(classifyProbes(b, r, tol), classifyProbes(a, r, tol));
    if (v.kind === 'equal') continue;
    const stable = classifyProbes(b, a, tol).kind === 'equal';
    if (v.kind === 'canonical') {
      const c = await canonicalTriple(ctx, key, v.type);
      if (c === 'too-big') {
        ctx.skipped(key, v.type, `too large to re-read whole (above maxCanonicalElements ${ctx.canonical.maxElements})`);
        continue;
      }
      v = canonicalVerdict(v, c.diff);
      if (v.kind === 'diff') out.push({ key, settled: c.stable, verdict: v });
      continue;
    }
    out.push({ key, settled: stable, verdict: v });
  }
  return out;
}

async function canonicalTriple(ctx: RecheckContext, key: Buffer, type: string): Promise<{ diff: string | null; stable: boolean } | 'too-big'> {
  const before = await readCanonical(ctx.master, key, type, ctx.canonical);
  await ctx.waitCatchUp(await replicationOffset(ctx.master));
  const replica = await readCanonical(ctx.replica, key, type, ctx.canonical);
  const after = await readCanonical(ctx.master, key, type, ctx.canonical);
  if (!before || !replica || !after) return 'too-big';
  if (diffCanonical(before, replica) === null) return { diff: null, stable: true };
  return { diff: diffCanonical(after, replica), stable: diffCanonical(before, after) === null };
}
