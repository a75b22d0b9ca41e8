// (c) Master–replica data comparison, side by side in one run on one loopback pair:
//   A — the ReplicaOps compare engine, `full` mode (both directions, lag-aware rounds on),
//       rate cap lifted so the engine's own speed shows;
//   B — a naive loop: SCAN, then per key TYPE on both sides and the type's whole-value read
//       (GET / HGETALL / SMEMBERS / ZRANGE / LRANGE / XRANGE) on both sides, one round trip
//       at a time, master → replica direction only. It runs on a time-boxed prefix of the
//       keyspace and is extrapolated to N keys (reported as such).
// The master's own PING latency (`redis-cli --latency` style, every 10 ms from a separate
// process) is sampled while idle and during each of A and B.
// `tsx bench/consistency.ts [--keys N] [--naive-seconds S]`
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type Redis from 'ioredis';
import { quantile } from '../lib/consistency/report-builder';
import type { CompareReport } from '../lib/contracts';
import { ConsistencySchema } from '../server/config-schema';
import { CompareEngine } from '../server/consistency/compare-engine';
import { connect, openConnection } from '../server/consistency/connections';
import { rootLogger } from '../server/logger';
import { startSandbox } from '../server/sandbox';

export interface LatencyStats {
  samples: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface ConsistencyBenchResult {
  keys: number;
  populateMs: number;
  engine: { ms: number; keysPerSec: number; report: Omit<CompareReport, 'examples' | 'skippedExamples'>; masterPing: LatencyStats };
  naive: { keysMeasured: number; ms: number; keysPerSec: number; extrapolatedMsForAll: number; isExtrapolated: boolean; masterPing: LatencyStats };
  ratio: number;
  idlePing: LatencyStats;
  settings: { batchSize: number; scanCount: number; maxKeysPerSecond: number; rounds: number };
}

const round = (v: number | null, d = 2) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);

/**
 * PING every `everyMs` from a separate process (its own event loop, like `redis-cli --latency`),
 * so the timings are the master's and not this process' busy event loop.
 */
function pingSampler(port: number, everyMs = 10): { stop(): Promise<LatencyStats> } {
  const ioredis = createRequire(import.meta.url).resolve('ioredis');
  const script = `
    const { default: Redis } = await import(${JSON.stringify(pathToFileURL(ioredis).href)});
    const c = new Redis({ port: ${port}, host: '127.0.0.1' });
    c.on('error', () => {});
    const samples = [];
    let running = true;
    process.stdin.on('end', () => { running = false; });
    process.stdin.resume();
    while (running) {
      const t0 = performance.now();
      try { await c.ping(); samples.push(performance.now() - t0); } catch {}
      await new Promise((r) => setTimeout(r, ${everyMs}));
    }
    c.disconnect();
    process.stdout.write(JSON.stringify(samples));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      child.stdin.end();
      await exited;
      const samples = JSON.parse(out || '[]') as number[];
      return { samples: samples.length, p50Ms: round(quantile(samples, 0.5)), p99Ms: round(quantile(samples, 0.99)), maxMs: round(samples.length ? Math.max(...samples) : null) };
    },
  };
}

/** Mixed types: ½ strings (a tenth with TTLs), ⅛ each hash, set, zset and list; a few streams. */
async function populate(m: Redis, n: number): Promise<void> {
  for (let i = 0; i < n; i += 10_000) {
    const p = m.pipeline();
    for (let j = i; j < Math.min(n, i + 10_000); j++) {
      const k = j % 8;
      if (j % 1000 === 999) p.xadd(`bench:stream:${j}`, '*', 'f', String(j));
      else if (k < 4) p.set(`bench:str:${j}`, `value-${j}-${'x'.repeat(j % 32)}`, ...((j % 10 === 0 ? ['EX', 86_400] : []) as []));
      else if (k === 4) p.hset(`bench:hash:${j}`, 'name', `n${j}`, 'count', String(j), 'flag', '1');
      else if (k === 5) p.sadd(`bench:set:${j}`, 'a', 'b', `m${j}`);
      else if (k === 6) p.zadd(`bench:zset:${j}`, 1, 'a', j, `m${j}`);
      else p.rpush(`bench:list:${j}`, 'a', 'b', String(j));
    }
    await p.exec();
  }
}

async function synced(m: Redis, r: Redis): Promise<void> {
  const off = async (c: Redis, i: number) => Number(((await c.call('ROLE')) as unknown[])[i]);
  for (;;) {
    try {
      if ((await off(r, 4)) >= (await off(m, 1))) return;
    } catch {
      // LOADING while the replica takes a full sync
    }
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function naiveLoop(m: Redis, r: Redis, budgetMs: number): Promise<{ keys: number; ms: number }> {
  const read: Record<string, (c: Redis, k: string) => Promise<unknown>> = {
    string: (c, k) => c.get(k),
    hash: (c, k) => c.hgetall(k),
    set: (c, k) => c.smembers(k),
    zset: (c, k) => c.zrange(k, 0, -1, 'WITHSCORES'),
    list: (c, k) => c.lrange(k, 0, -1),
    stream: (c, k) => c.xrange(k, '-', '+'),
  };
  const t0 = performance.now();
  let cursor = '0';
  let keys = 0;
  let differ = 0;
  do {
    const [next, batch] = await m.scan(cursor, 'COUNT', 100);
    cursor = next;
    for (const k of batch) {
      const tm = await m.type(k);
      const tr = await r.type(k);
      const fn = read[tm];
      if (tm !== tr || !fn) differ++;
      else if (JSON.stringify(await fn(m, k)) !== JSON.stringify(await fn(r, k))) differ++;
      keys++;
    }
  } while (cursor !== '0' && performance.now() - t0 < budgetMs);
  // Unordered types read unsorted differ spuriously here; the loop is timed, not trusted.
  void differ;
  return { keys, ms: performance.now() - t0 };
}

export async function benchConsistency(keys = 1_000_000, naiveSeconds = 20): Promise<ConsistencyBenchResult> {
  rootLogger.level = 'warn';
  const sandbox = await startSandbox({
    shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }],
    masterPersistence: 'none',
    // No snapshots in the middle of the measurement.
    commonConfig: { save: '""' },
  });
  const m = await sandbox.client('m');
  const r = await sandbox.client('r1');
  const port = sandbox.node('m').port;
  try {
    const t0 = performance.now();
    await populate(m, keys);
    await synced(m, r);
    const populateMs = performance.now() - t0;

    const idle = pingSampler(port);
    await new Promise((res) => setTimeout(res, 2000));
    const idlePing = await idle.stop();

    // As shipped, except the rate cap, lifted so the engine's own speed shows.
    const settings = ConsistencySchema.parse({ maxKeysPerSecond: 10_000_000 });
    // The engine's connections, opened the way the check service opens them.
    const open = (id: string) => connect(openConnection(id, {}, { commandTimeoutMs: settings.commandTimeoutMs, name: 'replicaops-bench' }));
    const [mId, rId] = [sandbox.node('m').id, sandbox.node('r1').id];
    const io = { master: await open(mId), replica: await open(rId), ping: await open(mId) };
    const engine = new CompareEngine({ master: mId, replica: rId, mode: 'full', sampleSize: 0 }, io, settings, {
      signal: new AbortController().signal,
      skip: () => false,
      onProgress: () => undefined,
    });
    const during = pingSampler(port);
    const e0 = performance.now();
    await engine.run();
    const engineMs = performance.now() - e0;
    const enginePing = await during.stop();
    for (const c of Object.values(io)) c.disconnect();
    const { examples: _e, skippedExamples: _s, ...report } = engine.report.report();

    const naivePingSampler = pingSampler(port);
    const naive = await naiveLoop(m, r, naiveSeconds * 1000);
    const naivePing = await naivePingSampler.stop();
    const naiveRate = (naive.keys * 1000) / naive.ms;
    const engineRate = (report.keysCompared * 1000) / engineMs;
    return {
      keys,
      populateMs: Math.round(populateMs),
      engine: { ms: Math.round(engineMs), keysPerSec: Math.round(engineRate), report, masterPing: enginePing },
      naive: {
        keysMeasured: naive.keys,
        ms: Math.round(naive.ms),
        keysPerSec: Math.round(naiveRate),
        extrapolatedMsForAll: Math.round((keys / naiveRate) * 1000),
        isExtrapolated: naive.keys < keys,
        masterPing: naivePing,
      },
      ratio: Math.round((engineRate / naiveRate) * 10) / 10,
      idlePing,
      settings: { batchSize: settings.batchSize, scanCount: settings.scanCount, maxKeysPerSecond: settings.maxKeysPerSecond, rounds: settings.rounds },
    };
  } finally {
    await sandbox.stop();
  }
}

/** Markdown for docs/performance.md (bench/run.ts `--consistency`). */
export function consistencySection(r: ConsistencyBenchResult): string {
  const ping = (p: LatencyStats) => `p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms, max ${p.maxMs} ms`;
  return [
    `### Master–replica comparison (${r.keys.toLocaleString('en')} keys of mixed types, full compare, loopback)`,
    '',
    `| | ReplicaOps compare (both directions, ${r.settings.rounds} lag-aware rounds) | naive loop (SCAN + TYPE + value read per key, both sides, unpipelined, one direction) |`,
    `|---|---|---|`,
    `| keys/s | ${r.engine.keysPerSec.toLocaleString('en')} | ${r.naive.keysPerSec.toLocaleString('en')} |`,
    `| time for all keys | ${(r.engine.ms / 1000).toFixed(1)} s | ${(r.naive.extrapolatedMsForAll / 1000).toFixed(1)} s${r.naive.isExtrapolated ? ` (extrapolated from ${r.naive.keysMeasured.toLocaleString('en')} keys in ${(r.naive.ms / 1000).toFixed(1)} s)` : ''} |`,
    `| master PING latency meanwhile | ${ping(r.engine.masterPing)} | ${ping(r.naive.masterPing)} |`,
    '',
    `ReplicaOps is ${r.ratio}× the naive loop. Idle master PING: ${ping(r.idlePing)}. Engine settings: batch ${r.settings.batchSize} keys per server-side read, SCAN COUNT ${r.settings.scanCount}, rate cap lifted (${r.settings.maxKeysPerSecond.toLocaleString('en')} keys/s; the default cap is 50,000). Keys whose DUMP payloads differed and were compared by value: ${r.engine.report.canonicalReads.toLocaleString('en')}; keys re-checked: ${r.engine.report.rechecked}; differences: ${Object.values(r.engine.report.counts).reduce((a, b) => a + b, 0)}.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = (name: string, dflt: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  benchConsistency(flag('keys', 1_000_000), flag('naive-seconds', 20)).then(
    (r) => {
      process.stdout.write(`${consistencySection(r)}\n\n${JSON.stringify(r, null, 2)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
