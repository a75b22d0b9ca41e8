// (b) Polling cost, side by side in one run on three identical idle nodes:
//   A — polled by the ReplicaOps monitor; B — polled by a loop issuing `INFO ALL` at the same
//   interval (what exporters do); C — not polled (Redis' own background cost).
// Measures INFO round trips per node per poll (from `cmdstat_info`) and Redis CPU
// (used_cpu_sys + used_cpu_user delta) per minute.
import Redis from 'ioredis';
import { startServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { rootLogger } from '../server/logger';
import { startSandbox, waitFor } from '../server/sandbox';

export interface PollingCostResult {
  durationMs: number;
  pollMs: number;
  roundTripsPerPoll: number;
  cpuMsPerMin: { replicaops: number; infoAll: number; idle: number };
  netCpuMsPerMin: { replicaops: number; infoAll: number };
  ratioInfoAllOverReplicaops: number;
}

async function cpuSeconds(c: Redis): Promise<number> {
  const text = await c.info('cpu');
  const get = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(text)?.[1] ?? 0);
  return get('used_cpu_sys') + get('used_cpu_user');
}

async function infoCalls(c: Redis): Promise<number> {
  const text = await c.info('commandstats');
  return Number(/^cmdstat_info:calls=(\d+)/m.exec(text)?.[1] ?? 0);
}

export async function benchPollingCost(durationMs = 60_000, pollMs = 1000): Promise<PollingCostResult> {
  rootLogger.level = 'warn';
  const sandbox = await startSandbox({ shape: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
  const clients = await Promise.all(['a', 'b', 'c'].map((n) => sandbox.client(n)));
  const a = clients[0] as Redis;
  const server = await startServer(
    loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: String(pollMs), REPLICAOPS_SEEDS: sandbox.seeds()[0] }),
    { withUi: false },
  );
  const exporter = new Redis({ host: '127.0.0.1', port: sandbox.node('b').port });
  let looping = true;
  const loop = (async () => {
    while (looping) {
      await exporter.info('all');
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  try {
    await waitFor(() => server.monitor.cycles >= 2, 10_000);
    const cpu0 = await Promise.all(clients.map(cpuSeconds));
    const calls0 = await infoCalls(a);
    const cycles0 = server.monitor.cycles;
    await new Promise((r) => setTimeout(r, durationMs));
    const cpu1 = await Promise.all(clients.map(cpuSeconds));
    const calls1 = await infoCalls(a);
    const cycles = server.monitor.cycles - cycles0;
    // Our own two probes (INFO cpu, INFO commandstats) count as INFO calls on A: subtract them.
    const ourCalls = calls1 - calls0 - 2;
    const perMin = (i: number) => Math.round((((cpu1[i]! - cpu0[i]!) * 1000) / durationMs) * 60_000 * 10) / 10;
    const cpu = { replicaops: perMin(0), infoAll: perMin(1), idle: perMin(2) };
    const net = { replicaops: Math.max(0.1, cpu.replicaops - cpu.idle), infoAll: Math.max(0.1, cpu.infoAll - cpu.idle) };
    return {
      durationMs,
      pollMs,
      roundTripsPerPoll: Math.round((ourCalls / cycles) * 100) / 100,
      cpuMsPerMin: cpu,
      netCpuMsPerMin: { replicaops: Math.round(net.replicaops * 10) / 10, infoAll: Math.round(net.infoAll * 10) / 10 },
      ratioInfoAllOverReplicaops: Math.round((net.infoAll / net.replicaops) * 100) / 100,
    };
  } finally {
    looping = false;
    await loop.catch(() => undefined);
    exporter.disconnect();
    await server.stop();
    await sandbox.stop();
  }
}
