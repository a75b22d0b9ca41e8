// How watching grows with the tree: a 5-node and a 26-node sandbox (1 master → 5 replicas → 4
// sub-replicas each), each watched for the same time by an in-process
// ReplicaOps server polling every second. Measured: time from start to the whole tree
// discovered with every link up, poll-cycle duration (all nodes, one round trip each, in
// parallel), the dashboard's own CPU and event-loop delay. Ratios are the point: the machine is
// shared and noisy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Topology } from '../lib/contracts';
import { startServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { rootLogger } from '../server/logger';
import { startSandbox, type ShapeEntry } from '../server/sandbox';

export interface ScaleRun {
  nodes: number;
  discoveredMs: number | null;
  cycles: number;
  cycleMs: { p50: number; p95: number; max: number };
  cpuMsPerMin: number;
  eventLoopDelayMs: { p99: number; max: number };
  seededFrom: string;
}

export interface ScaleResult {
  seconds: number;
  pollMs: number;
  runs: ScaleRun[];
}

function shapeOf(replicas: number, subsEach: number): ShapeEntry[] {
  const shape: ShapeEntry[] = [{ name: 'm' }];
  for (let i = 1; i <= replicas; i++) {
    shape.push({ name: `r${i}`, upstream: 'm' });
    for (let j = 1; j <= subsEach; j++) shape.push({ name: `r${i}s${j}`, upstream: `r${i}` });
  }
  return shape;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const cpuMs = async (seconds: number) => {
  const before = process.cpuUsage();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

async function one(shape: ShapeEntry[], seconds: number, pollMs: number): Promise<ScaleRun> {
  // No write load: it would run in this process and drown the dashboard's own cost in noise.
  const sandbox = await startSandbox({ shape, redisServerBin: process.env.REDIS_SERVER_BIN });
  await new Promise((r) => setTimeout(r, 2000));
  // What this process burns with nobody watching (timers, the sandbox's bookkeeping).
  const baselineMs = await cpuMs(seconds);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-bench-scale-'));
  // Seed from the last sub-replica: discovery has to walk up and then down the whole tree.
  const seed = sandbox.seeds()[sandbox.nodes.length - 1] as string;
  const server = await startServer(
    loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: String(pollMs), REPLICAOPS_DATA_DIR: dataDir, REPLICAOPS_SEEDS: seed }),
    { withUi: false },
  );
  const started = Date.now();
  let discoveredMs: number | null = null;
  const durations: number[] = [];
  const whole = (t: Topology) => t.nodes.length === shape.length && t.links.length === shape.length - 1 && t.links.every((l) => l.linkStatus === 'up');
  server.monitor.on('cycle', (r: { topology: Topology; durationMs: number }) => {
    durations.push(r.durationMs);
    if (discoveredMs === null && whole(r.topology)) discoveredMs = Date.now() - started;
  });
  // Discovery and the first compilations are start-up, not steady cost.
  await new Promise((r) => setTimeout(r, 5000));
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const watchedMs = await cpuMs(seconds);
  loop.disable();
  await server.stop();
  await sandbox.stop();
  rmSync(dataDir, { recursive: true, force: true });
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    nodes: shape.length,
    discoveredMs,
    cycles: durations.length,
    cycleMs: { p50: pct(sorted, 0.5), p95: pct(sorted, 0.95), max: sorted.at(-1) ?? 0 },
    cpuMsPerMin: Math.max(0, Math.round((watchedMs - baselineMs) * (60 / seconds))),
    eventLoopDelayMs: { p99: Math.round(loop.percentile(99) / 1e5) / 10, max: Math.round(loop.max / 1e5) / 10 },
    seededFrom: 'the deepest sub-replica',
  };
}

export async function benchScale(seconds = 30, pollMs = 1000): Promise<ScaleResult> {
  rootLogger.level = 'warn';
  const runs = [await one(shapeOf(2, 1), seconds, pollMs), await one(shapeOf(5, 4), seconds, pollMs)];
  return { seconds, pollMs, runs };
}

export function scaleSection(r: ScaleResult): string {
  const [small, big] = r.runs as [ScaleRun, ScaleRun];
  const ratio = (a: number, b: number) => (a > 0 ? `${Math.round((b / a) * 10) / 10}×` : '–');
  return [
    `### Scale (a ${small.nodes}-node and a ${big.nodes}-node tree, ${r.seconds} s each, one poll per ${r.pollMs} ms, seeded from ${small.seededFrom})`,
    '',
    `| | ${small.nodes} nodes | ${big.nodes} nodes | ratio |`,
    `|---|---|---|---|`,
    `| whole tree discovered, every link up (ms after start) | ${small.discoveredMs ?? '—'} | ${big.discoveredMs ?? '—'} | ${small.discoveredMs && big.discoveredMs ? ratio(small.discoveredMs, big.discoveredMs) : '–'} |`,
    `| poll cycle, p50 / p95 / max (ms) | ${small.cycleMs.p50} / ${small.cycleMs.p95} / ${small.cycleMs.max} | ${big.cycleMs.p50} / ${big.cycleMs.p95} / ${big.cycleMs.max} | ${ratio(small.cycleMs.p50, big.cycleMs.p50)} (p50) |`,
    `| dashboard CPU, ms per minute (polling, diagnosis, history; no browser; the same process idle subtracted) | ${small.cpuMsPerMin} | ${big.cpuMsPerMin} | ${ratio(small.cpuMsPerMin, big.cpuMsPerMin)} |`,
    `| event-loop delay p99 / max (ms) | ${small.eventLoopDelayMs.p99} / ${small.eventLoopDelayMs.max} | ${big.eventLoopDelayMs.p99} / ${big.eventLoopDelayMs.max} | – |`,
    '',
    `${Math.round((big.nodes / small.nodes) * 10) / 10}× the nodes cost ${ratio(small.cpuMsPerMin, big.cpuMsPerMin)} the dashboard CPU: about ${Math.round(big.cpuMsPerMin / big.nodes)} ms per node per minute, ${Math.round((big.cpuMsPerMin / big.nodes / 600) * 100 * 10) / 10} % of one core per 100 nodes at this poll interval. Every node is polled in parallel with one pipelined round trip, so a cycle lasts about as long as the slowest node, not the sum of them.`,
  ].join('\n');
}
