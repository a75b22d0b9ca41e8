// Integration harness: a real sandbox topology plus the ReplicaOps server (API + socket.io,
// without Next) pointed at it, both torn down after the test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/app-server';
import { loadConfig } from '../../server/config';
import { rootLogger } from '../../server/logger';
import { startSandbox, waitFor, type Sandbox, type SandboxOptions } from '../../server/sandbox';
import { testSandboxOptions } from './sandbox';
import type { Topology } from '../../lib/contracts';

export interface Harness {
  sandbox: Sandbox;
  server: RunningServer;
  get(path: string): Promise<{ status: number; body: unknown }>;
  topology(): Topology;
  /** Wait until the monitor's latest topology satisfies `predicate`. */
  until(predicate: (t: Topology) => boolean, what: string, timeoutMs?: number): Promise<Topology>;
  stop(): Promise<void>;
}

export async function startHarness(
  opts: {
    sandbox?: SandboxOptions;
    pollMs?: number;
    seeds?: (s: Sandbox) => string[];
    env?: Record<string, string>;
    /** No log files at all, as for a remote Redis whose logs are not on the dashboard's host. */
    noLogs?: boolean;
    /** Config-file fields the test sets, as an operator would write them (validated like one). */
    configFile?: (s: Sandbox) => Record<string, unknown>;
  } = {},
): Promise<Harness> {
  rootLogger.level = 'warn';
  const sandbox = await startSandbox(testSandboxOptions(opts.sandbox));
  const dataDir = opts.env?.REPLICAOPS_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'replicaops-data-'));
  let server: RunningServer;
  try {
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'warn',
      REPLICAOPS_POLL_MS: String(opts.pollMs ?? 300),
      REPLICAOPS_DATA_DIR: dataDir,
      REPLICAOPS_SEEDS: (opts.seeds ?? ((s) => s.seeds().slice(0, 1)))(sandbox).join(','),
      ...opts.env,
      ...(opts.configFile ? { REPLICAOPS_CONFIG: writeConfigFile(dataDir, opts.configFile(sandbox)) } : {}),
    });
    // The sandbox's own log files, as the demo wires them.
    if (!config.logs.length && !opts.noLogs) config.logs = sandbox.nodes.map((n) => ({ node: n.id, file: n.logFile, backfillLines: 1000 }));
    server = await startServer(config, { withUi: false });
  } catch (err) {
    await sandbox.stop();
    throw err;
  }
  const topology = () => server.monitor.snapshot().topology;
  return {
    sandbox,
    server,
    topology,
    async get(path) {
      const res = await fetch(server.url + path);
      return { status: res.status, body: await res.json() };
    },
    async until(predicate, what, timeoutMs = 15_000) {
      await waitFor(() => predicate(topology()), timeoutMs, { what });
      return topology();
    },
    async stop() {
      await server.stop();
      await sandbox.stop();
      if (!opts.env?.REPLICAOPS_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function writeConfigFile(dir: string, fields: Record<string, unknown>): string {
  const file = path.join(dir, 'replicaops.test-config.json');
  writeFileSync(file, JSON.stringify(fields));
  return file;
}
