// `npm run bench -- scale --nodes N` (default 1000): one N-node tree of real redis-server
// processes (1 master → 10 replicas → the rest spread under them), each started small and quiet
// (`--hz 1`, no RDB or AOF, `maxmemory 8mb`: about 3–4 MB RSS per process), watched by an
// in-process ReplicaOps server with a browser-like socket client. Reports discovery time, cycle
// p50/p95, dashboard CPU per node per minute, RSS, event-loop p99, socket bytes per second per
// client (versioned deltas and the old per-cycle update side by side) and kill detection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { Topology } from '../lib/contracts';
import { startServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { rootLogger } from '../server/logger';
import { startSandbox, type ShapeEntry } from '../server/sandbox';

export interface LargeRun {
  nodes: number;
  pollMs: number;
  seconds: number;
  sandboxStartMs: number;
  discoveredMs: number | null;
  cycleMs: { p50: number; p95: number };
  cpuMsPerNodePerMin: number;
  rssMb: number;
  eventLoopP99Ms: number;
  socketBytesPerSec: { delta: number; legacy: number };
  killDetectionMs: number | null;
  killed: number;
}

function shapeOf(n: number): ShapeEntry[] {
  const shape: ShapeEntry[] = [{ name: 'm' }];
  const mids = Math.min(10, n - 1);
  for (let i = 1; i <= mids; i++) shape.push({ name: `r${i}`, upstream: 'm' });
  for (let j = 0; shape.length < n; j++)
    shape.push({
      name: `r${(j % mids) + 1}s${Math.floor(j / mids) + 1}`,
      upstream: `r${(j % mids) + 1}`,
    });
  return shape;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function benchScaleLarge(n = 1000, seconds = 60, pollMs = 1000): Promise<LargeRun> {
  rootLogger.level = 'warn';
  const shape = shapeOf(n);
  const t0 = Date.now();
  const sandbox = await startSandbox({
    shape,
    masterPersistence: 'none',
    commonConfig: { hz: '1', save: '""', appendonly: 'no', maxmemory: '8mb' },
    spawnConcurrency: 20,
    timeoutMs: Math.max(120_000, n * 1000),
    redisServerBin: process.env.REDIS_SERVER_BIN,
  });
  const sandboxStartMs = Date.now() - t0;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-bench-large-'));
  const seed = sandbox.seeds()[sandbox.nodes.length - 1] as string;
  const server = await startServer(
    loadConfig({
      PORT: '0',
      LOG_LEVEL: 'warn',
      REPLICAOPS_POLL_MS: String(pollMs),
      REPLICAOPS_DATA_DIR: dataDir,
      REPLICAOPS_SEEDS: seed,
    }),
    { withUi: false },
  );
  try {
    const started = Date.now();
    let discoveredMs: number | null = null;
    const seen: { latest: Topology | null } = { latest: null };
    const durations: number[] = [];
    const whole = (t: Topology) =>
      t.nodes.length === n && t.links.filter((l) => l.linkStatus === 'up').length === n - 1;
    server.monitor.on('cycle', (r: { topology: Topology; durationMs: number }) => {
      seen.latest = r.topology;
      if (discoveredMs !== null) durations.push(r.durationMs);
      if (discoveredMs === null && whole(r.topology)) discoveredMs = Date.now() - started;
    });
    while (discoveredMs === null && Date.now() - started < Math.max(120_000, n * 200))
      await sleep(200);
    await sleep(5000); // first compilations and the first diagnosis passes are start-up
    // Two browser-like clients: one on versioned deltas, one on the old per-cycle update.
    const counts = { delta: 0, legacy: 0 };
    const deltaClient = io(server.url, { transports: ['websocket'], query: { topology: 'delta' } });
    const legacyClient = io(server.url, { transports: ['websocket'] });
    deltaClient.on('topology:delta', (d) => (counts.delta += Buffer.byteLength(JSON.stringify(d))));
    legacyClient.on(
      'topology:update',
      (d) => (counts.legacy += Buffer.byteLength(JSON.stringify(d))),
    );
    await sleep(3000);
    const before = { ...counts };
    durations.length = 0;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    await sleep(seconds * 1000);
    const cpu = process.cpuUsage(cpu0);
    loop.disable();
    const socketBytesPerSec = {
      delta: Math.round((counts.delta - before.delta) / seconds),
      legacy: Math.round((counts.legacy - before.legacy) / seconds),
    };
    const rssMb = Math.round(process.memoryUsage().rss / 1e6);
    deltaClient.close();
    legacyClient.close();

    // Kill detection: 5 leaf replicas SIGKILLed at once, time until all show unreachable.
    const victims = shape
      .filter((e) => /s\d+$/.test(e.name))
      .slice(-5)
      .map((e) => e.name);
    const ids = new Set(victims.map((v) => sandbox.node(v).id));
    const k0 = Date.now();
    await Promise.all(victims.map((v) => sandbox.kill(v)));
    let killDetectionMs: number | null = null;
    while (Date.now() - k0 < 20_000) {
      const t = seen.latest;
      if (t && [...ids].every((id) => t.nodes.some((x) => x.id === id && !x.reachable))) {
        killDetectionMs = Date.now() - k0;
        break;
      }
      await sleep(20);
    }
    const sorted = [...durations].sort((a, b) => a - b);
    return {
      nodes: n,
      pollMs,
      seconds,
      sandboxStartMs,
      discoveredMs,
      cycleMs: { p50: pct(sorted, 0.5), p95: pct(sorted, 0.95) },
      // Includes the sandbox's own bookkeeping in this process (no write load, so it is small).
      cpuMsPerNodePerMin:
        Math.round(((((cpu.user + cpu.system) / 1000) * (60 / seconds)) / n) * 10) / 10,
      rssMb,
      eventLoopP99Ms: Math.round(loop.percentile(99) / 1e5) / 10,
      socketBytesPerSec,
      killDetectionMs,
      killed: victims.length,
    };
  } finally {
    await server.stop();
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function scaleLargeSection(r: LargeRun): string {
  return [
    `### Scale: ${r.nodes} real redis-server processes (1 → 10 → ${r.nodes - 11}; --hz 1, no persistence, maxmemory 8mb), one poll per ${r.pollMs} ms, ${r.seconds} s measured`,
    '',
    '| | measured |',
    '|---|---|',
    `| sandbox start (${r.nodes} processes, every link synced) | ${(r.sandboxStartMs / 1000).toFixed(1)} s |`,
    `| whole tree discovered from the deepest replica | ${r.discoveredMs === null ? 'not within the budget' : `${(r.discoveredMs / 1000).toFixed(1)} s`} |`,
    `| poll cycle p50 / p95 | ${r.cycleMs.p50} / ${r.cycleMs.p95} ms |`,
    `| dashboard CPU per node per minute (process total, no browser) | ${r.cpuMsPerNodePerMin} ms |`,
    `| dashboard RSS (bench process) | ${r.rssMb} MB |`,
    `| event-loop delay p99 | ${r.eventLoopP99Ms} ms |`,
    `| socket bytes/s per client, idle tree: topology:delta / old topology:update | ${r.socketBytesPerSec.delta} / ${r.socketBytesPerSec.legacy} B/s |`,
    `| ${r.killed} replicas SIGKILLed: all shown unreachable after | ${r.killDetectionMs === null ? 'not within 20 s' : `${r.killDetectionMs} ms`} |`,
  ].join('\n');
}
