// Integration harness for Redis Cluster: a real cluster sandbox plus the ReplicaOps server
// (API only) seeded with one node's address, both torn down after the test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { Topology } from '../../lib/contracts';
import { startServer, type RunningServer } from '../../server/app-server';
import { loadConfig } from '../../server/config';
import { rootLogger } from '../../server/logger';
import { waitFor } from '../../server/sandbox';
import { startClusterSandbox, type ClusterSandbox, type ClusterSandboxOptions } from '../../server/sandbox/cluster-sandbox';

export interface ClusterHarness {
  cluster: ClusterSandbox;
  server: RunningServer;
  topology(): Topology;
  until(predicate: (t: Topology) => boolean, what: string, timeoutMs?: number): Promise<Topology>;
}

export async function useClusterHarness(
  t: TestContext,
  opts: {
    seed?: (c: ClusterSandbox) => Promise<string> | string;
    pollMs?: number;
    sandbox?: ClusterSandboxOptions;
    /** Config-file fields, as an operator would write them (e.g. `auth`). */
    configFile?: Record<string, unknown>;
  } = {},
): Promise<ClusterHarness> {
  rootLogger.level = 'warn';
  const cluster = await startClusterSandbox({ redisServerBin: process.env.REDIS_SERVER_BIN, ...opts.sandbox });
  t.after(() => cluster.stop());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-data-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const seed = opts.seed ? await opts.seed(cluster) : cluster.nodes[0]!.id;
  const configFile = path.join(dataDir, 'replicaops.test-config.json');
  if (opts.configFile) writeFileSync(configFile, JSON.stringify(opts.configFile));
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'warn',
    REPLICAOPS_POLL_MS: String(opts.pollMs ?? 300),
    REPLICAOPS_DATA_DIR: dataDir,
    REPLICAOPS_SEEDS: `redis://${seed}`,
    ...(opts.configFile ? { REPLICAOPS_CONFIG: configFile } : {}),
  });
  const server = await startServer(config, { withUi: false });
  t.after(() => server.stop());
  const topology = () => server.monitor.snapshot().topology;
  return {
    cluster,
    server,
    topology,
    async until(predicate, what, timeoutMs = 15_000) {
      await waitFor(() => predicate(topology()), timeoutMs, { what });
      return topology();
    },
  };
}
