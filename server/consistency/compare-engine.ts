// One master–replica comparison, both directions, lag-aware. Forward: keys SCANned on the
// master are read on both sides. Reverse: keys SCANned on the replica are looked up on the
// master (existence only; present keys were compared forward). A key that differs is re-read
// after the replica has reached the master's offset (read after the first read), up to
// `rounds` times, so writes in flight are not reported. Rate-capped, slowed by master latency,
// cancellable between batches.
import type { Redis } from 'ioredis';
import { diffCanonical } from '../../lib/consistency/canonical-diff';
import { canonicalVerdict, classifyProbes, type KeyProbe, type Verdict } from '../../lib/consistency/classify';
import { displayBinary } from '../../lib/consistency/key-display';
import { LatencyBackoff, Pacer, ProgressMeter } from '../../lib/consistency/pacing';
import { ReportBuilder } from '../../lib/consistency/report-builder';
import { parseKeyspace, planSample, type DbKeys, type SampleSegment } from '../../lib/consistency/sampling-plan';
import type { CheckProgress, CompareMode } from '../../lib/contracts';
import type { TextRef } from '../../lib/contracts/text-ref';
import { englishText, textRef } from '../../lib/i18n/text-ref';
import type { ConsistencySettings } from '../config-schema';
import { logger } from '../logger';
import { checkAbort, sleep } from './abortable';
import { compareCanonical } from './canonical-reader';
import { replicationOffset } from './connections';
import { KeyProber } from './key-prober';
import { scanKeys } from './key-scanner';
import { watchLatency } from './latency-watch';
import { recheckRound, type Diff, type Outcome, type RecheckContext } from './recheck-round';

/** An example's English `detail` and the same as a key + params for the UI. */
const described = (ref: TextRef) => ({ detail: englishText(ref), detailText: ref });

const log = logger('consistency');
/** Differences held before a re-check round runs: bounds memory when a replica is far off. */
const SUSPECT_FLUSH = 2000;
const PROGRESS_EVERY_MS = 250;

export interface CompareTarget {
  master: string;
  replica: string;
  mode: CompareMode;
  sampleSize: number;
}

export interface CompareIo {
  master: Redis;
  replica: Redis;
  /** Separate connection to the master, for the latency probe. */
  ping: Redis;
}

export interface CompareHooks {
  signal: AbortSignal;
  /** The dashboard's own keys (heartbeat, canaries) are never compared. */
  skip(key: Buffer): boolean;
  onProgress(p: CheckProgress): void;
  random?: () => number;
}

type Canonical = Extract<Verdict, { kind: 'canonical' }>;
interface Suspect {
  key: Buffer;
  verdict: Diff;
}

export class CompareEngine {
  readonly report: ReportBuilder;
  private readonly pacer: Pacer;
  private readonly backoff: LatencyBackoff;
  private readonly meter = new ProgressMeter();
  private readonly mProbe: KeyProber;
  private readonly rProbe: KeyProber;
  private suspects: Suspect[] = [];
  private db = 0;
  private done = 0;
  private total = 0;
  private lastEmit = 0;

  constructor(
    private readonly target: CompareTarget,
    private readonly io: CompareIo,
    private readonly settings: ConsistencySettings,
    private readonly hooks: CompareHooks,
  ) {
    this.report = new ReportBuilder({ master: target.master, replica: target.replica, mode: target.mode, rounds: settings.rounds }, settings.examplesPerClass);
    this.pacer = new Pacer(settings.maxKeysPerSecond);
    this.backoff = new LatencyBackoff(this.pacer, settings.backoffLatencyMs);
    const limits = { maxElements: settings.dumpMaxElements, maxBytes: settings.dumpMaxBytes };
    this.mProbe = new KeyProber(io.master, limits, settings.batchSize);
    this.rProbe = new KeyProber(io.replica, limits, settings.batchSize);
  }

  progress(): CheckProgress {
    return this.meter.progress(this.done, this.total);
  }

  async run(): Promise<void> {
    const stopWatch = watchLatency(this.io.ping, (ms) => {
      if (ms !== null) this.report.latency(ms);
      this.backoff.observe(ms);
    });
    try {
      const [mKeys, rKeys] = await Promise.all([keyspace(this.io.master), keyspace(this.io.replica)]);
      const dbs = [...new Set([...mKeys, ...rKeys].map((d) => d.db))].sort((a, b) => a - b);
      this.report.dbs = dbs;
      const random = this.hooks.random ?? Math.random;
      const sample = this.target.mode === 'sample';
      const fwdPlan = sample ? planSample(mKeys, this.target.sampleSize, random) : [];
      const revPlan = sample ? planSample(rKeys, this.target.sampleSize, random) : [];
      const sum = (xs: Array<{ keys?: number; quota?: number }>) => xs.reduce((n, x) => n + (x.quota ?? x.keys ?? 0), 0);
      this.total = sample ? sum(fwdPlan) + sum(revPlan) : sum(mKeys) + sum(rKeys);
      this.meter.update(0, Date.now());
      for (const db of dbs) {
        this.db = db;
        await Promise.all([this.io.master.select(db), this.io.replica.select(db)]);
        for (const spec of specsFor(db, sample, fwdPlan)) for await (const keys of spec.scan(this.io.master, this.settings.scanCount)) await this.forward(keys);
        await this.recheck();
        for (const spec of specsFor(db, sample, revPlan)) for await (const keys of spec.scan(this.io.replica, this.settings.scanCount)) await this.reverse(keys);
        await this.recheck();
      }
      this.emit(true);
    } finally {
      stopWatch();
      this.report.backoffs = this.backoff.backoffs;
    }
  }

  private async forward(batch: Buffer[]): Promise<void> {
    checkAbort(this.hooks.signal);
    const keys = batch.filter((k) => !this.hooks.skip(k));
    if (keys.length) {
      await this.pace(keys.length);
      const [m, r] = await Promise.all([this.mProbe.probe(keys), this.rProbe.probe(keys)]);
      await this.suspect(await this.judge(keys, m, r));
    }
    this.report.keysCompared += keys.length;
    this.advance(batch.length);
  }

  private async reverse(batch: Buffer[]): Promise<void> {
    checkAbort(this.hooks.signal);
    const keys = batch.filter((k) => !this.hooks.skip(k));
    if (keys.length) {
      await this.pace(keys.length);
      const exists = await this.mProbe.exists(keys);
      const absent = keys.filter((_, i) => !exists[i]);
      if (absent.length) {
        const [m, r] = await Promise.all([this.mProbe.probe(absent), this.rProbe.probe(absent)]);
        await this.suspect(await this.judge(absent, m, r));
      }
    }
    this.report.keysCheckedOnReplica += keys.length;
    this.advance(batch.length);
  }

  /**
   * Verdicts that are differences after the canonical fallback: small keys are read whole in
   * one batched call per side, big ones incrementally, one at a time. Skipped keys are reported.
   */
  private async judge(keys: Buffer[], m: KeyProbe[], r: KeyProbe[]): Promise<Suspect[]> {
    const out: Suspect[] = [];
    const small: Array<{ key: Buffer; v: Canonical }> = [];
    for (let i = 0; i < keys.length; i++) {
      const [key, mp, rp] = [keys[i], m[i], r[i]];
      if (!key || !mp || !rp) continue;
      const v = classifyProbes(mp, rp, this.settings.ttlToleranceMs);
      if (v.kind === 'diff') out.push({ key, verdict: v });
      if (v.kind !== 'canonical') continue;
      this.report.canonicalReads++;
      if (this.mProbe.isSmall(mp)) {
        small.push({ key, v });
        continue;
      }
      const res = await compareCanonical(this.io.master, this.io.replica, key, v.type, mp.size, this.canonicalOptions());
      if ('skipped' in res) this.skip(key, v.type, res.skipped);
      else this.push(out, key, canonicalVerdict(v, res.diff));
    }
    if (small.length) {
      const sk = small.map((s) => s.key);
      const types = small.map((s) => s.v.type);
      const [mv, rv] = await Promise.all([this.mProbe.values(sk, types), this.rProbe.values(sk, types)]);
      small.forEach(({ key, v }, i) => {
        const [a, b] = [mv[i], rv[i]];
        // A type change between the probe and this read: a write in flight, left to the rounds.
        const diff = a && b ? diffCanonical(a, b) : textRef('checkText.changedWhileRead');
        this.push(out, key, canonicalVerdict(v, diff));
      });
    }
    return out;
  }

  private push(out: Suspect[], key: Buffer, v: Verdict): void {
    if (v.kind === 'diff') out.push({ key, verdict: v });
  }

  private skip(key: Buffer, type: string, why: TextRef): void {
    this.report.addSkipped({ db: this.db, key: displayBinary(key.toString('latin1')), type, ...described(why) });
  }

  private async suspect(found: Suspect[]): Promise<void> {
    this.suspects.push(...found);
    if (this.suspects.length >= SUSPECT_FLUSH) await this.recheck();
  }

  /** Lag-aware rounds (recheck-round.ts) over what differed; what survives them is reported. */
  private async recheck(): Promise<void> {
    const pending = this.suspects;
    this.suspects = [];
    if (!pending.length) return;
    this.report.rechecked += pending.length;
    const byClass: Record<string, number> = {};
    for (const s of pending) byClass[s.verdict.cls] = (byClass[s.verdict.cls] ?? 0) + 1;
    log.debug({ replica: this.target.replica, db: this.db, byClass, example: pending[0] && englishText(pending[0].verdict.detail) }, 'keys differ at first read; re-checking');
    const ctx: RecheckContext = {
      master: this.io.master,
      replica: this.io.replica,
      mProbe: this.mProbe,
      rProbe: this.rProbe,
      ttlToleranceMs: this.settings.ttlToleranceMs,
      canonical: this.canonicalOptions(),
      waitCatchUp: (offset) => this.waitCatchUp(offset),
      skipped: (key, type, why) => this.skip(key, type, why),
    };
    let last: Outcome[] = pending.map((s) => ({ ...s, settled: true }));
    for (let round = 0; round < this.settings.rounds && last.length; round++) {
      checkAbort(this.hooks.signal);
      const t0 = Date.now();
      last = await recheckRound(ctx, last.map((s) => s.key));
      log.debug({ replica: this.target.replica, round: round + 1, left: last.length, ms: Date.now() - t0 }, 're-check round done');
    }
    for (const s of last) {
      const key = displayBinary(s.key.toString('latin1'));
      if (s.settled) this.report.add(s.verdict.cls, { db: this.db, key, type: s.verdict.type, ...described(s.verdict.detail) });
      // Not a proven difference: the master kept changing it faster than the replica could be read.
      else this.skip(s.key, s.verdict.type, textRef('checkText.skipUnsettled', { last: s.verdict.detail }));
    }
  }

  private canonicalOptions() {
    return { chunk: 1000, chunkBytes: 256 * 1024, maxElements: this.settings.maxCanonicalElements, signal: this.hooks.signal };
  }

  private async waitCatchUp(target: number): Promise<void> {
    const deadline = Date.now() + this.settings.catchUpTimeoutMs;
    let polls = 0;
    for (;;) {
      const offset = await replicationOffset(this.io.replica);
      if (offset >= target) return;
      if (Date.now() >= deadline) {
        // Still compared: a replica that never catches up is itself the finding.
        log.debug({ replica: this.target.replica, offset, target }, 'replica did not reach the master offset in time');
        return;
      }
      // Loopback replicas catch up in well under a millisecond: poll tightly at first.
      await sleep(++polls < 20 ? 1 : 10, this.hooks.signal);
    }
  }

  private async pace(keys: number): Promise<void> {
    const wait = this.pacer.delayFor(keys, Date.now());
    if (wait >= 1) await sleep(wait, this.hooks.signal);
  }

  private advance(keys: number): void {
    this.done += keys;
    this.emit(false);
  }

  private emit(force: boolean): void {
    const now = Date.now();
    this.meter.update(this.done, now);
    if (!force && now - this.lastEmit < PROGRESS_EVERY_MS) return;
    this.lastEmit = now;
    this.hooks.onProgress(this.progress());
  }
}

async function keyspace(redis: Redis): Promise<DbKeys[]> {
  return parseKeyspace(await redis.info('keyspace'));
}

/** Full mode: one whole-db scan; sample mode: the plan's segments of this db, sharing a seen-set. */
function specsFor(db: number, sample: boolean, plan: SampleSegment[]) {
  const seen = new Set<string>();
  const segs = sample ? plan.filter((s) => s.db === db) : [{ db, cursor: '0', quota: undefined }];
  return segs.map((s) => ({ scan: (redis: Redis, count: number) => scanKeys(redis, { cursor: s.cursor, quota: s.quota }, count, sample ? seen : undefined) }));
}
