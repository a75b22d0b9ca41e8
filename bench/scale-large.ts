// `npm run bench -- scale --nodes N` (default 1000): one N-node tree of real redis-server
// processes (1 master → 10 replicas → the rest spread under them), each started small and quiet
// (`--hz 1`, no RDB or AOF, `maxmemory 8mb`: 3–4 MB RSS per process, so about 4 GB at 1,000),
// watched by the compiled dashboard (`node dist/server.js`, its own process; `npm run build`
// first). Reports discovery, cycle p50/p95, the dashboard's CPU per node per minute, RSS and
// event-loop p99, socket bytes/s per client, the overview in headless Chromium, kill detection,
// and the Redis-side cost of one poll beside the real redis_exporter binary (bench/large/).
import os from 'node:os';
import { rootLogger } from '../server/logger';
import { startSandbox, type Sandbox, type ShapeEntry } from '../server/sandbox';
import { openOverview, type OverviewBrowser } from './large/browser';
import { startDashboard, type Dashboard, type LoopReading } from './large/dashboard';
import { startPollCostRig, type PollCost, type PollCostRig } from './large/poll-cost';
import { watchSocket, type SocketWatch } from './large/socket-watch';
import { percentile } from './large/stats';
import { shapeOf } from './large/tree-shape';

export { scaleLargeSection } from './large/section';

export interface LargeRun {
  nodes: number;
  pollMs: number;
  seconds: number;
  loadAvg: { before: number[]; after: number[] };
  sandboxStartMs: number;
  discoveredMs: number | null;
  cycleMs: { p50: number; p95: number; pollsPerMin: number };
  cpuMsPerNodePerMin: number;
  rssMb: number;
  loop: LoopReading;
  socketBytesPerSec: { delta: number; legacy: number };
  /** A second, shorter window with an old `topology:update` client attached as well. */
  withLegacy: { seconds: number; cpuMsPerNodePerMin: number; loop: LoopReading };
  resyncs: number;
  browser: { firstRenderMs: number; screens: number; idleTaskMsPerSec: number; heapMb: number; killShownMs: number | null } | null;
  killed: number;
  killDetectionMs: number | null;
  pollCost: PollCost;
}


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (x: number) => Math.round(x * 10) / 10;

async function until(cond: () => boolean, timeoutMs: number): Promise<number | null> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (cond()) return Date.now() - t0;
    await sleep(20);
  }
  return null;
}

/** Until every upstream lists all its replicas `state=online` (INFO replication every 2 s). */
async function waitForTreeSync(sandbox: Sandbox, shape: ShapeEntry[], timeoutMs: number): Promise<void> {
  const expected = new Map<string, number>();
  for (const e of shape) if (e.upstream) expected.set(e.upstream, (expected.get(e.upstream) ?? 0) + 1);
  const clients = await Promise.all([...expected.keys()].map(async (name) => [name, await sandbox.client(name)] as const));
  const t0 = Date.now();
  const restarted = new Set<string>();
  for (;;) {
    // A node that lost its port to another program at start exits at once: one restart each.
    for (const node of sandbox.nodes.filter((x) => !x.running && !restarted.has(x.name))) {
      restarted.add(node.name);
      await sandbox.restart(node.name).catch((err: unknown) => process.stdout.write(`  restart ${node.name}: ${String(err)}\n`));
    }
    const counts = await Promise.all(
      clients.map(async ([name, c]) => [name, (await c.info('replication')).match(/^slave\d+:.*state=online/gm)?.length ?? 0] as const),
    );
    const behind = counts.filter(([name, k]) => k < (expected.get(name) ?? 0));
    if (behind.length === 0) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`replication sync: ${behind.map(([nm, k]) => `${nm} ${k}/${expected.get(nm)}`).join(', ')}`);
    await sleep(2000);
  }
}

/**
 * The dashboard idle for `seconds` with its socket clients (no browser): its own CPU, RSS, loop,
 * and the bytes each client received.
 */
async function idleWindow(d: Dashboard, watches: SocketWatch[], n: number, seconds: number) {
  const b0 = watches.map((w) => w.bytes());
  const [delta] = watches as [SocketWatch];
  const c0 = delta.cycles();
  delta.resetLatency();
  d.resetLoop();
  const cpu0 = d.cpuSeconds();
  await sleep(seconds * 1000);
  const cpuMs = (d.cpuSeconds() - cpu0) * 1000;
  const loop = await d.readLoop().catch((err: unknown) => {
    process.stdout.write(`  event-loop probe: ${String(err)}; dashboard output: ${d.output().slice(-1500)}\n`);
    return { p50Ms: NaN, p99Ms: NaN, maxMs: NaN };
  });
  const lat = [...delta.latencies()].sort((a, b) => a - b);
  return {
    cycleMs: { p50: percentile(lat, 0.5), p95: percentile(lat, 0.95), pollsPerMin: Math.round(((delta.cycles() - c0) / seconds) * 60) },
    cpuMsPerNodePerMin: round1((cpuMs * (60 / seconds)) / n),
    rssMb: Math.round(d.rssBytes() / 1e6),
    loop: { p50Ms: round1(loop.p50Ms), p99Ms: round1(loop.p99Ms), maxMs: round1(loop.maxMs) },
    bytesPerSec: watches.map((w, i) => Math.round((w.bytes() - b0[i]!) / seconds)),
  };
}

export async function benchScaleLarge(n = 1000, seconds = 30, pollMs = 1000, killCount = 5): Promise<LargeRun> {
  rootLogger.level = 'warn';
  const before = os.loadavg().map(round1);
  const shape = shapeOf(n);
  let sandbox: Sandbox | undefined;
  let rig: PollCostRig | undefined;
  let dashboard: Dashboard | undefined;
  let browser: OverviewBrowser | undefined;
  const watches: SocketWatch[] = [];
  try {
    const t0 = Date.now();
    sandbox = await startSandbox({
      shape,
      masterPersistence: 'none',
      commonConfig: { hz: '1', save: '""', appendonly: 'no', maxmemory: '8mb' },
      // Hundreds of forks on 2 shared cores: fewer at once, and patience for the first PING.
      spawnConcurrency: 20,
      spawnTimeoutMs: 60_000,
      timeoutMs: Math.max(120_000, n * 1000),
      redisServerBin: process.env.REDIS_SERVER_BIN,
      // The sandbox's own check probes every replica and its upstream with a new connection
      // every 100 ms: 2,000 connections a round at this size. Count online replicas upstream
      // instead, over one connection per upstream.
      waitForSync: false,
    });
    await waitForTreeSync(sandbox, shape, Math.max(120_000, n * 600));
    const sandboxStartMs = Date.now() - t0;
    process.stdout.write(`  ${n} redis-servers up in ${(sandboxStartMs / 1000).toFixed(1)} s\n`);
    rig = await startPollCostRig(pollMs);
    const total = n + 1; // the tree and the poll-cost node the dashboard also watches
    const s = sandbox;
    dashboard = await startDashboard([s.seeds()[n - 1] as string, rig.seed], pollMs);
    const started = Date.now();
    const delta = watchSocket(dashboard.url, 'delta');
    watches.push(delta);
    const whole = () => {
      const t = delta.topology();
      return !!t && t.nodes.length === total && t.links.filter((l) => l.linkStatus === 'up').length === n - 1;
    };
    const found = await until(whole, Math.max(120_000, n * 200));
    const discoveredMs = found === null ? null : Date.now() - started;
    process.stdout.write(`  discovered: ${discoveredMs ?? 'NOT'} ms\n`);
    // Start-up is not steady state: right after discovery every node was read in full (INFO and
    // CONFIG, first contact), code is still being compiled, and the history rings are touched
    // for the first time. Measured from one CONFIG period (30 s) on, when each node's slow reads
    // have spread over the tiers as they do for as long as the dashboard runs.
    await sleep(30_000);
    // What a browser costs: the main window has one `topology:delta` client, as the UI is.
    const { bytesPerSec: [deltaBytes = 0], ...idle } = await idleWindow(dashboard, [delta], total, seconds);
    process.stdout.write(`  idle window: ${JSON.stringify(idle)}\n`);
    // Then an old whole-node `topology:update` client beside it: its bytes, and what it adds.
    const legacy = watchSocket(dashboard.url, 'legacy');
    watches.push(legacy);
    await sleep(3000);
    const legacySeconds = Math.max(10, Math.round(seconds / 2));
    const withLegacyRun = await idleWindow(dashboard, [delta, legacy], total, legacySeconds);
    legacy.close();
    const withLegacy = { seconds: legacySeconds, cpuMsPerNodePerMin: withLegacyRun.cpuMsPerNodePerMin, loop: withLegacyRun.loop };
    process.stdout.write(`  with a legacy client: ${JSON.stringify(withLegacyRun)}\n`);
    const socketBytesPerSec = { delta: deltaBytes, legacy: withLegacyRun.bytesPerSec[1] ?? 0 };
    rig.alignTo(() => delta.lastCycleStart());
    // At least 60 s: six 10 s windows, each a quiet node's whole INFO tier.
    const pollCost = await rig.measure(Math.max(60, seconds), () => delta.cycles());
    process.stdout.write(`  poll cost: ${JSON.stringify(pollCost.rows)}\n`);

    let b: LargeRun['browser'] = null;
    try {
      browser = await openOverview(dashboard.url, total, 120_000);
      b = { firstRenderMs: browser.firstRenderMs, screens: await browser.screens(), idleTaskMsPerSec: await browser.idleTaskMsPerSec(15), heapMb: await browser.jsHeapMb(), killShownMs: null };
    } catch (err) {
      process.stdout.write(`  browser: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    // Kill detection: leaf replicas SIGKILLed at once, time until all show unreachable.
    const victims = shape.filter((e) => /s\d+$/.test(e.name)).slice(-killCount).map((e) => e.name);
    const ids = victims.map((v) => s.node(v).id);
    const k0 = Date.now();
    const shown = browser?.waitNotOk(ids, k0, 20_000);
    await Promise.all(victims.map((v) => s.kill(v)));
    const seen = await until(() => {
      const t = delta.topology();
      return !!t && ids.every((id) => t.nodes.some((x) => x.id === id && !x.reachable));
    }, 20_000);
    const killDetectionMs = seen === null ? null : Date.now() - k0;
    if (b && shown) b.killShownMs = await shown;
    return {
      nodes: n,
      pollMs,
      seconds,
      loadAvg: { before, after: os.loadavg().map(round1) },
      sandboxStartMs,
      discoveredMs,
      ...idle,
      socketBytesPerSec,
      withLegacy,
      resyncs: delta.resyncs(),
      browser: b,
      killed: victims.length,
      killDetectionMs,
      pollCost,
    };
  } catch (err) {
    // Said before the teardown, whose own failure must not hide it.
    process.stdout.write(`  failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    throw err;
  } finally {
    for (const w of watches) w.close();
    const quietly = (what: string, p: Promise<unknown> | undefined) =>
      p?.catch((e: unknown) => process.stdout.write(`  stopping ${what}: ${String(e)}\n`));
    await quietly('the browser', browser?.close());
    await quietly('the dashboard', dashboard?.stop());
    await quietly('the poll-cost nodes', rig?.stop());
    await quietly('the sandbox', sandbox?.stop());
  }
}
