// A drill on its own throwaway world: a fresh sandbox shaped for the scenario, and an
// in-process ReplicaOps server (API + socket, no UI) polling it fast. Used by the CLI and tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DrillRun } from '../../lib/contracts/drills';
import type { DrillScenario } from '../../lib/drills/scenario-types';
import { startServer, type RunningServer } from '../app-server';
import { loadConfig } from '../config';
import {
  startSandbox,
  startSentinels,
  waitFor,
  type Sandbox,
  type SandboxSentinels,
} from '../sandbox';
import { startClusterSandbox, type ClusterSandbox } from '../sandbox/cluster-sandbox';
import { drillSandboxOptions } from './drill-sandbox';
import { DrillRunner, type DrillRunnerEvents } from './drill-runner';
import { newDrillId } from './drill-service';
import { DrillStore } from './drill-store';

export interface FreshDrillOptions {
  redisServerBin?: string;
  /** Default 250 ms: fast enough to time detection in tenths of a second. */
  pollMs?: number;
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
  onProgress?: (...args: DrillRunnerEvents['progress']) => void;
  /** Looks at the server (incidents, history) after the drill, before it is torn down. */
  inspect?: (run: DrillRun, server: RunningServer) => void | Promise<void>;
}

/** The in-process server a fresh drill is watched by: API + socket, fast polls, tailing the nodes' logs. */
async function startDrillServer(
  seeds: string[],
  nodes: ReadonlyArray<{ id: string; logFile: string }>,
  dataDir: string,
  opts: FreshDrillOptions,
): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: opts.logLevel ?? 'error',
    REPLICAOPS_POLL_MS: String(opts.pollMs ?? 250),
    REPLICAOPS_DATA_DIR: dataDir,
    REPLICAOPS_SEEDS: seeds.join(','),
  });
  // Persistence, buffer and cluster-node-timeout settings are read with CONFIG GET, every 30 s
  // by default.
  config.poll.configEveryMs = 1_000;
  // No backfill: the sandbox's own start-up (every replica's first full sync, seconds ago)
  // would sit inside diagnosis.resyncWindowMs as if the drill caused it. A real topology has
  // usually been stable for longer than that window when a fault hits.
  config.logs = nodes.map((n) => ({ node: n.id, file: n.logFile, backfillLines: 0 }));
  return startServer(config, { withUi: false });
}

export async function runFreshDrill(
  scenario: DrillScenario,
  opts: FreshDrillOptions = {},
): Promise<DrillRun> {
  if (scenario.sandbox.cluster) return runFreshClusterDrill(scenario, opts);
  const sandbox = await startSandbox(drillSandboxOptions(scenario, opts.redisServerBin));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'replicaops-drill-'));
  let server: RunningServer | undefined;
  let sentinels: SandboxSentinels | undefined;
  try {
    const want = scenario.sandbox.sentinels;
    if (want)
      sentinels = await startSentinels(sandbox, {
        count: want.count,
        quorum: want.quorum,
        downAfterMs: want.downAfterMs,
        failoverTimeoutMs: want.failoverTimeoutMs,
        redisServerBin: opts.redisServerBin,
      });
    // The master first: the monitor keeps the address it polled first for a node it also
    // reaches through a proxy (see proxyOnly()).
    // With Sentinels, the dashboard is pointed at the first one, as an operator would.
    const seeds = [...sandbox.seeds(), ...(sentinels ? [sentinels.seed([0])] : [])];
    server = await startDrillServer(seeds, sandbox.nodes, dataDir, opts);
    const monitored = server.monitor;
    // Start from a known-good picture: every node polled, every link up.
    await waitFor(
      () => {
        const t = monitored.snapshot().topology;
        return (
          sandbox.nodes.every((n) => t.nodes.some((x) => x.id === n.id && x.reachable)) &&
          t.links.length >= sandbox.nodes.length - 1 &&
          t.links.every((l) => l.linkStatus === 'up') &&
          (!sentinels ||
            (t.groups?.[0]?.ckquorum.ok === true &&
              t.groups[0].reachableSentinelIds?.length === sentinels.sentinels.length))
        );
      },
      15_000,
      { what: 'the dashboard to see the whole sandbox healthy', intervalMs: 100 },
    );
    return await runOn(sandbox, server, scenario, opts, sentinels);
  } finally {
    await server?.stop();
    await sentinels?.stop();
    await sandbox.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function runOn(
  sandbox: Sandbox | ClusterSandbox,
  server: RunningServer,
  scenario: DrillScenario,
  opts: FreshDrillOptions,
  sentinels?: SandboxSentinels,
): Promise<DrillRun> {
  const store = new DrillStore(server.db);
  const runner = new DrillRunner(
    {
      sandbox,
      monitor: server.monitor,
      incidents: server.incidents,
      actions: server.actions,
      ...(sentinels ? { sentinels } : {}),
    },
    scenario,
    { id: newDrillId(), actor: 'cli' },
  );
  runner.on('progress', (p) => {
    store.save(runner.run);
    opts.onProgress?.(p);
  });
  const run = await runner.execute();
  store.save(run);
  await opts.inspect?.(run, server);
  return run;
}

/** The same on a fresh Redis Cluster sandbox, the dashboard seeded with one of its nodes. */
async function runFreshClusterDrill(
  scenario: DrillScenario,
  opts: FreshDrillOptions,
): Promise<DrillRun> {
  const shape = scenario.sandbox.cluster ?? { shards: 3, replicasPerShard: 1 };
  const sandbox = await startClusterSandbox({
    ...shape,
    redisServerBin: opts.redisServerBin,
    ...(scenario.sandbox.config ? { commonConfig: scenario.sandbox.config } : {}),
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'replicaops-drill-'));
  let server: RunningServer | undefined;
  try {
    const seed = sandbox.nodes[0];
    if (!seed) throw new Error('the cluster sandbox started no node');
    server = await startDrillServer([`redis://${seed.id}`], sandbox.nodes, dataDir, opts);
    const monitored = server.monitor;
    const replicas = shape.shards * shape.replicasPerShard;
    await waitFor(
      () => {
        const t = monitored.snapshot().topology;
        return (
          t.cluster?.state === 'ok' &&
          sandbox.nodes.every((n) => t.nodes.some((x) => x.id === n.id && x.reachable)) &&
          t.links.filter((l) => l.linkStatus === 'up').length >= replicas
        );
      },
      20_000,
      { what: 'the dashboard to see the whole cluster healthy', intervalMs: 100 },
    );
    return await runOn(sandbox, server, scenario, opts);
  } finally {
    await server?.stop();
    await sandbox.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
