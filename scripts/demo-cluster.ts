// `npm run demo -- --cluster`: a real 3-shard Redis Cluster (one replica per shard) from the
// system redis-server, and the dashboard pointed at one of its nodes; discovery finds the rest.
import { Cluster } from 'ioredis';
import { startServer } from '../server/app-server';
import { rootLogger } from '../server/logger';
import { startClusterSandbox } from '../server/sandbox/cluster-sandbox';
import { demoAdmin, demoConfig, stopOnSignal } from './demo-setup';

export async function runClusterDemo(opts: { prod: boolean; noAuth: boolean }): Promise<void> {
  // The demo talks to a person: warnings and errors only, unless asked otherwise.
  rootLogger.level = process.env.LOG_LEVEL ?? 'warn';
  process.stdout.write('Starting a 3-shard Redis Cluster (6 redis-server processes)…\n');
  const cluster = await startClusterSandbox({ redisServerBin: process.env.REDIS_SERVER_BIN });
  const seed = cluster.nodes[0]!;
  const config = demoConfig(`redis://${seed.id}`);
  const password = await demoAdmin(config, opts.noAuth);
  if (!config.logs.length) config.logs = cluster.nodes.map((n) => ({ node: n.id, file: n.logFile, backfillLines: 1000 }));
  // The cluster drills change cluster-replica-validity-factor: the dashboard reads it within seconds.
  config.poll.configEveryMs = Math.min(config.poll.configEveryMs, 2_000);
  const server = await startServer(config, { dev: !opts.prod, sandbox: cluster });
  // A gentle write load across the slots, so every shard's links show a moving offset.
  const writer = new Cluster([{ host: seed.host, port: seed.port }], { enableOfflineQueue: false });
  writer.on('error', () => undefined); // a killed primary is the point of the demo
  let n = 0;
  const load = setInterval(() => void writer.set(`demo:${n++ % 10_000}`, String(Date.now())).catch(() => undefined), 10);
  const { primaries } = await cluster.roles();
  const victim = cluster.node(primaries[0] ?? 'n1');
  process.stdout.write(
    [
      '',
      `ReplicaOps demo (cluster) is running: open ${server.url}`,
      ...(password ? [`Log in as admin with password: ${password}`] : []),
      '',
      `Seed: ${seed.id}; the other nodes are discovered with CLUSTER SHARDS.`,
      ...cluster.nodes.map((n) => `  ${n.name.padEnd(4)} ${n.id.padEnd(16)} log: ${n.logFile}`),
      '',
      'Try: kill a primary and watch its replica take over (cluster-node-timeout is 2 s) —',
      `  redis-cli -p ${victim.port} shutdown nosave`,
      'or run the cluster drills from the Drills page (they break and restore this cluster only).',
      'Ctrl-C stops the dashboard and every cluster process.',
      '',
    ].join('\n'),
  );
  stopOnSignal(async () => {
    clearInterval(load);
    writer.disconnect();
    await server.stop().catch(() => undefined);
    await cluster.stop().catch(() => undefined);
  });
}
