// One lag-aware re-check round for keys that differed. Order matters: master, then wait until
// the replica has reached the master's offset, then replica, then master again. The replica
// then shows a state the master passed through between its two reads, so a key equal to
// either is consistent — also a hot key rewritten meanwhile. Keys whose payloads cannot prove
// equality are read whole in canonical form, in the same order, one key at a time.
import type { Redis } from 'ioredis';
import { diffCanonical } from '../../lib/consistency/canonical-diff';
import { canonicalVerdict, classifyProbes, settleRecheck, type Verdict } from '../../lib/consistency/classify';
import type { CanonicalOptions } from './canonical-reader';
import { readCanonical } from './canonical-reader';
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

/** The keys that still differ after this round, with their latest verdict. */
export async function recheckRound(ctx: RecheckContext, keys: Buffer[]): Promise<Array<{ key: Buffer; verdict: Diff }>> {
  const before = await ctx.mProbe.probe(keys);
  await ctx.waitCatchUp(await replicationOffset(ctx.master));
  const replica = await ctx.rProbe.probe(keys);
  const after = await ctx.mProbe.probe(keys);
  const out: Array<{ key: Buffer; verdict: Diff }> = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as Buffer;
    const r = replica[i];
    const b = before[i];
    const a = after[i];
    if (!r || !b || !a) continue;
    let v = settleRecheck(classifyProbes(b, r, ctx.ttlToleranceMs), classifyProbes(a, r, ctx.ttlToleranceMs));
    if (v.kind === 'canonical') {
      const valueDiff = await canonicalTriple(ctx, key, v.type);
      if (valueDiff === undefined) {
        ctx.skipped(key, v.type, `too large to re-read whole (above maxCanonicalElements ${ctx.canonical.maxElements})`);
        continue;
      }
      v = canonicalVerdict(v, valueDiff);
    }
    if (v.kind === 'diff') out.push({ key, verdict: v });
  }
  return out;
}

/** null: equal to one of the master's states; a description when it differs from both; undefined: too big. */
async function canonicalTriple(ctx: RecheckContext, key: Buffer, type: string): Promise<string | null | undefined> {
  const before = await readCanonical(ctx.master, key, type, ctx.canonical);
  await ctx.waitCatchUp(await replicationOffset(ctx.master));
  const replica = await readCanonical(ctx.replica, key, type, ctx.canonical);
  const after = await readCanonical(ctx.master, key, type, ctx.canonical);
  if (!before || !replica || !after) return undefined;
  if (diffCanonical(before, replica) === null) return null;
  return diffCanonical(after, replica);
}
