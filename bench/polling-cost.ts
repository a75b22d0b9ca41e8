// (b) Polling cost, side by side in one run on three identical idle nodes:
//   A — polled by the ReplicaOps monitor; B — polled by a loop issuing `INFO ALL` at the same
//   interval (what exporters do); C — not polled (Redis' own background cost).
// Measures INFO round trips per node per poll (from `cmdstat_info`), the CPU time Redis itself
// accounts to serving those commands (`cmdstat_info` + `cmdstat_config` usec), and the whole
// process' CPU (used_cpu_sys + used_cpu_user delta), which at this load is dominated by Redis'
// own background work and by measurement noise.
import Redis from 'ioredis';
import { startServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { rootLogger } from '../server/logger';
import { startSandbox, waitFor } from '../server/sandbox';

export interface PollingCostResult {
  durationMs: number;
  pollMs: number;
  roundTripsPerPoll: number;
  /** Microseconds per minute Redis spent executing the pollers' commands. */
  commandUsecPerMin: { replicaops: number; infoAll: number };
  usecPerPoll: { replicaops: number; infoAll: number };
  ratioCommandTime: number;
  cpuMsPerMin: { replicaops: number; infoAll: number; idle: number };
  netCpuMsPerMin: { replicaops: number; infoAll: number };
  ratioInfoAllOverReplicaops: number;
}

async function cpuSeconds(c: Redis): Promise<number> {
  const text = await c.info('cpu');
  const get = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(text)?.[1] ?? 0);
  return get('used_cpu_sys') + get('used_cpu_user');
}

interface CommandStats {
  infoCalls: number;
  usec: number;
}

/** INFO and CONFIG call counts/time as Redis accounts them (includes our own probes: subtracted). */
async function commandStats(c: Redis): Promise<CommandStats> {
  const text = await c.info('commandstats');
  const stat = (cmd: string) => {
    const m = new RegExp(`^cmdstat_${cmd}:calls=(\\d+),usec=(\\d+)`, 'm').exec(text);
    return { calls: Number(m?.[1] ?? 0), usec: Number(m?.[2] ?? 0) };
  };
  const info = stat('info');
  const config = stat('config|get').calls ? stat('config|get') : stat('config');
  return { infoCalls: info.calls, usec: info.usec + config.usec };
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
  let loopCount = 0;
  const loop = (async () => {
    while (looping) {
      await exporter.info('all');
      loopCount++;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  try {
    await waitFor(() => server.monitor.cycles >= 2, 10_000);
    const b = clients[1] as Redis;
    const cpu0 = await Promise.all(clients.map(cpuSeconds));
    const stats0 = [await commandStats(a), await commandStats(b)];
    const cycles0 = server.monitor.cycles;
    const loops0 = loopCount;
    await new Promise((r) => setTimeout(r, durationMs));
    const cpu1 = await Promise.all(clients.map(cpuSeconds));
    const stats1 = [await commandStats(a), await commandStats(b)];
    const cycles = server.monitor.cycles - cycles0;
    const loops = loopCount - loops0;
    // Our own probes (INFO cpu, INFO commandstats) count as INFO calls too: subtract them.
    const ourCalls = stats1[0]!.infoCalls - stats0[0]!.infoCalls - 2;
    const usec = (i: number) => stats1[i]!.usec - stats0[i]!.usec;
    const perMinUsec = (u: number) => Math.round((u / durationMs) * 60_000);
    const perMin = (i: number) => Math.round((((cpu1[i]! - cpu0[i]!) * 1000) / durationMs) * 60_000 * 10) / 10;
    const cpu = { replicaops: perMin(0), infoAll: perMin(1), idle: perMin(2) };
    const net = { replicaops: Math.max(0.1, cpu.replicaops - cpu.idle), infoAll: Math.max(0.1, cpu.infoAll - cpu.idle) };
    return {
      durationMs,
      pollMs,
      roundTripsPerPoll: Math.round((ourCalls / cycles) * 100) / 100,
      commandUsecPerMin: { replicaops: perMinUsec(usec(0)), infoAll: perMinUsec(usec(1)) },
      usecPerPoll: { replicaops: Math.round((usec(0) / cycles) * 10) / 10, infoAll: Math.round((usec(1) / Math.max(1, loops)) * 10) / 10 },
      ratioCommandTime: Math.round((usec(1) / Math.max(1, loops) / (usec(0) / cycles)) * 100) / 100,
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
