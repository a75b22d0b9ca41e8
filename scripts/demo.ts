// `npm run demo`: a real local replication tree (1 master, 2 replicas, 1 sub-replica) from the
// system redis-server, a gentle write load, and the dashboard pointed at it.
// `npm run demo -- --cluster` starts a 3-shard Redis Cluster instead (scripts/demo-cluster.ts).
// `npm run demo -- --prod` serves the production build (built first when missing); the admin
// password is generated and printed each run (`-- --no-auth` to skip the login).
// `npm run demo -- --sentinel` adds 3 real Sentinels watching the master and points the
// dashboard at one Sentinel address only (discovery through Sentinel).
// `-- --nodes 60` starts a bigger tree (the overview turns compact above 40 nodes).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../server/app-server';
import { ConfigError } from '../server/config';
import { proxyOnly } from '../server/drills/drill-sandbox';
import { startSandbox, startSentinels, type SandboxSentinels, type ShapeEntry } from '../server/sandbox';
import { runClusterDemo } from './demo-cluster';
import { demoAdmin, demoConfig, stopOnSignal } from './demo-setup';

const root = path.resolve(import.meta.dirname, '..');
const prod = process.argv.includes('--prod');
const withSentinel = process.argv.includes('--sentinel');
// `-- --nodes 60`: a bigger tree (1 master → 3 replicas → the rest under them), to see the
// compact overview (above 40 nodes).
const nodesAt = process.argv.indexOf('--nodes');
const nodeCount = nodesAt >= 0 ? Number(process.argv[nodesAt + 1]) : 0;

function bigShape(n: number): ShapeEntry[] {
  const shape: ShapeEntry[] = [
    { name: 'm' },
    { name: 'r1', upstream: 'm' },
    { name: 'r2', upstream: 'm' },
    { name: 'r3', upstream: 'm' },
  ];
  for (let j = 0; shape.length < n; j++)
    shape.push({ name: `r${(j % 3) + 1}s${Math.floor(j / 3) + 1}`, upstream: `r${(j % 3) + 1}` });
  return shape;
}

async function main(): Promise<void> {
  if (prod && !existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    process.stdout.write('Building the dashboard (next build)…\n');
    const r = spawnSync('npx', ['next', 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  // `-- --cluster`: a 3-shard Redis Cluster instead of the replication tree (scripts/demo-cluster.ts).
  if (process.argv.includes('--cluster')) return runClusterDemo({ prod, noAuth: process.argv.includes('--no-auth') });
  process.stdout.write('Starting the Redis sandbox…\n');
  const sandbox = await startSandbox({
    writeLoad: { opsPerSec: 200 },
    // The seed's recommended backlog (16–64 MB): the demo starts healthy; drills break it on purpose.
    // With Sentinel, an isolated master stops taking writes after 10 s (no split_brain_unguarded).
    commonConfig: { 'repl-backlog-size': '16mb', ...(withSentinel ? { 'min-replicas-to-write': '1', 'min-replicas-max-lag': '10' } : {}) },
    // r2 replicates through a TCP fault proxy so the Drills page can cut, slow or throttle it.
    faultProxy: true,
    linkVia: proxyOnly(['r2']),
    redisServerBin: process.env.REDIS_SERVER_BIN,
    ...(nodeCount > 4 ? { shape: bigShape(Math.min(nodeCount, 500)), timeoutMs: 120_000 } : {}),
  });
  let sentinels: SandboxSentinels | null = null;
  if (withSentinel) {
    process.stdout.write('Starting 3 Sentinels…\n');
    sentinels = await startSentinels(sandbox, { downAfterMs: 3000, failoverTimeoutMs: 15_000, redisServerBin: process.env.REDIS_SERVER_BIN });
  }
  const config = demoConfig(sentinels ? sentinels.seed([0]) : sandbox.seeds().join(','));
  const password = await demoAdmin(config, process.argv.includes('--no-auth'));
  // The sandbox is ours to write to: show the real delay in milliseconds beside Redis' own lag.
  config.heartbeat ??= {
    enabled: true,
    key: 'replicaops:heartbeat',
    intervalMs: 1000,
    ttlSeconds: 600,
  };
  // The sandbox's own log files feed the log panels and the diagnosis evidence.
  if (!config.logs.length)
    config.logs = sandbox.nodes.map((n) => ({ node: n.id, file: n.logFile, backfillLines: 1000 }));
  const server = await startServer(config, { dev: !prod, sandbox });

  const lines = sandbox.nodes.map(
    (n) =>
      `  ${n.name.padEnd(4)} ${n.id.padEnd(16)} ${n.upstream ? `replica of ${n.upstream}` : 'master'}   log: ${n.logFile}`,
  );
  process.stdout.write(
    [
      '',
      `ReplicaOps demo is running: open ${server.url}`,
      ...(password
        ? [`Log in as admin with password: ${password}   (start with --no-auth to skip the login)`]
        : []),
      '',
      'Sandbox nodes (real redis-server processes):',
      ...lines,
      ...(sentinels
        ? ['', `Sentinels (master name ${sentinels.masterName}; the dashboard was given only the first):`, ...sentinels.sentinels.map((x) => `  ${x.id.padEnd(21)} log: ${x.logFile}`)]
        : []),
      '',
      'Try: kill a replica and watch it turn red —',
      `  redis-cli -p ${sandbox.nodes[1]?.port} shutdown nosave`,
      'Ctrl-C stops the dashboard and every sandbox process.',
      '',
    ].join('\n'),
  );

  stopOnSignal(async () => {
    await server.stop().catch(() => undefined);
    await sentinels?.stop().catch(() => undefined);
    await sandbox.stop().catch(() => undefined);
  });
}

main().catch((err: unknown) => {
  const message =
    err instanceof ConfigError
      ? `config error: ${err.message}`
      : err instanceof Error
        ? err.message
        : String(err);
  process.stderr.write(`replicaops demo: ${message}\n`);
  process.exit(1);
});
