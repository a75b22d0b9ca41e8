// Redis-side cost of one poll, side by side in the N-node run: four identical standalone nodes
// (20k keys, the same quiet config as the tree) — one watched by the dashboard under test (it is
// one of its seeds), one scraped through the real redis_exporter binary, one polled by an
// `INFO ALL` loop, one not polled. Command time from INFO commandstats, whole-process CPU from
// used_cpu_sys + used_cpu_user, both net of the unpolled node (which sees only the bench's own
// reads), divided by the polls each one served.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import Redis from 'ioredis';
import { track } from '../../server/sandbox/process-reaper';
import { reserveFreePorts } from '../../server/sandbox/free-port';
import { startSandbox, waitFor, type Sandbox } from '../../server/sandbox';
import { diffCommandStats, exposedValue, median, netOfIdle, parseCommandStats, parseCpuSeconds, totalCommandTime, type CommandStat } from './stats';

export const EXPORTER_BIN = process.env.REDIS_EXPORTER_BIN ?? '/usr/bin/prometheus-redis-exporter';
const NAMES = ['replicaops', 'exporter', 'infoAll', 'idle'] as const;
type Name = (typeof NAMES)[number];
const POLLED = ['replicaops', 'exporter', 'infoAll'] as const;
type Polled = (typeof POLLED)[number];

export interface PollCostRow {
  polls: number;
  /** Median over 10 s windows (each holds a quiet node's whole tier: one INFO, nine ROLEs). */
  usecPerPoll: number;
  /** The whole run's net command time over its polls: every outlier included. */
  usecPerPollMean: number;
  cpuMsPerPoll: number;
  /** Commands per poll, e.g. `info ×1, config|get ×0.03`. */
  commands: string;
}

export interface PollCost {
  keys: number;
  seconds: number;
  pollMs: number;
  /** False: the binary was missing, the exporter column is the INFO ALL loop's twin. */
  exporterBinary: boolean;
  exporterVersion: string | null;
  /** Dashboard cycles in the window: one poll of its node each (ROLE, or INFO when due or moved). */
  dashboardCycles: number;
  rows: Record<Polled, PollCostRow>;
  idleCpuMsPerMin: number;
}

export interface PollCostRig {
  /** The seed to give the dashboard under test. */
  seed: string;
  /** Fire the comparison pollers with the dashboard's cycles (`lastStart` = its last cycle start). */
  alignTo(lastStart: () => number): void;
  /** Measure for `seconds`; `cycles()` counts the dashboard's completed polls. */
  measure(seconds: number, cycles: () => number): Promise<PollCost>;
  stop(): Promise<void>;
}

async function load(c: Redis, keys: number): Promise<void> {
  for (let i = 0; i < keys; i += 1000) {
    const p = c.pipeline();
    for (let j = i; j < Math.min(keys, i + 1000); j++) p.set(`key:${j}`, `value-${j}-${'x'.repeat(16)}`);
    await p.exec();
  }
}

async function read(c: Redis): Promise<{ stats: Map<string, CommandStat>; cpu: number }> {
  const [stats, cpu] = await Promise.all([c.info('commandstats'), c.info('cpu')]);
  return { stats: parseCommandStats(stats), cpu: parseCpuSeconds(cpu) };
}

function describeCommands(d: Map<string, CommandStat>, polls: number): string {
  return [...d.entries()]
    .sort((a, b) => b[1].calls - a[1].calls)
    .map(([cmd, s]) => `${cmd} ×${Math.round((s.calls / Math.max(1, polls)) * 100) / 100} (${Math.round(s.usec / Math.max(1, s.calls))} µs each)`)
    .join(', ');
}

export async function startPollCostRig(pollMs: number, keys = 20_000): Promise<PollCostRig> {
  const sandbox: Sandbox = await startSandbox({
    shape: NAMES.map((name) => ({ name })),
    masterPersistence: 'none',
    commonConfig: { hz: '1', save: '""', appendonly: 'no', maxmemory: '64mb' },
    spawnTimeoutMs: 60_000,
    redisServerBin: process.env.REDIS_SERVER_BIN,
  });
  const clients: Record<Name, Redis> = {
    replicaops: await sandbox.client('replicaops'),
    exporter: await sandbox.client('exporter'),
    infoAll: await sandbox.client('infoAll'),
    idle: await sandbox.client('idle'),
  };
  const readAll = async () => ({
    replicaops: await read(clients.replicaops),
    exporter: await read(clients.exporter),
    infoAll: await read(clients.infoAll),
    idle: await read(clients.idle),
  });
  await Promise.all(NAMES.map((n) => load(clients[n], keys)));
  const binary = existsSync(EXPORTER_BIN);
  let exporter: ChildProcess | null = null;
  let exporterUrl = '';
  let exporterOut = '';
  if (binary) {
    const [port] = await reserveFreePorts('127.0.0.1', 1);
    exporterUrl = `http://127.0.0.1:${port}/metrics`;
    exporter = spawn(EXPORTER_BIN, [`--redis.addr=redis://127.0.0.1:${sandbox.node('exporter').port}`, `--web.listen-address=127.0.0.1:${port}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(exporter);
    const keep = (d: Buffer) => (exporterOut = (exporterOut + d.toString()).slice(-4000));
    exporter.stdout?.on('data', keep);
    exporter.stderr?.on('data', keep);
    await waitFor(async () => (await fetch(exporterUrl)).ok, 15_000, { what: 'redis_exporter' });
  }
  // The poller standing in for the exporter when the binary is missing is a second INFO ALL loop.
  const scrapeOnce = binary
    ? async () => {
        const text = await (await fetch(exporterUrl)).text();
        if (exposedValue(text, 'redis_up') !== 1) throw new Error(`redis_exporter reports redis_up != 1\n${exporterOut}`);
      }
    : async () => void (await clients.exporter.info('all'));
  const count = { exporter: 0, infoAll: 0 }; // requests sent (Redis' own INFO counts are the polls)
  let running = true;
  // Once aligned, both pollers fire when the dashboard's cycle starts (its last cycle start plus
  // the interval): every node of the tree is being polled then, so all three are measured in the
  // same crowd of busy redis-servers, which inflates command time on a shared machine.
  let cycleStart: (() => number) | null = null;
  const nextAt = (last: number) => {
    let at = cycleStart ? cycleStart() + pollMs : last + pollMs;
    while (at <= Date.now()) at += pollMs;
    return at;
  };
  const loop = async (what: 'exporter' | 'infoAll', once: () => Promise<unknown>) => {
    while (running) {
      const t = Date.now();
      await once();
      count[what]++;
      await new Promise((r) => setTimeout(r, nextAt(t) - Date.now()));
    }
  };
  // Separate connections for the pollers: the bench's reads go over `clients`.
  const infoAllConn = new Redis({ host: '127.0.0.1', port: sandbox.node('infoAll').port });
  const loops = [loop('exporter', scrapeOnce), loop('infoAll', () => infoAllConn.info('all'))];
  return {
    seed: sandbox.seeds()[0] as string,
    alignTo: (lastStart) => void (cycleStart = lastStart),
    async measure(seconds, cycles) {
      const version = binary ? (exporterOut.match(/Exporter (\S+)/)?.[1] ?? null) : null;
      // 10 s windows; each one's cost per poll is its net command time over its polls. A window
      // holds a quiet node's whole tier (`poll.quietInfoEveryMs`: one INFO, nine ROLEs), so no
      // window is all ROLE; the median window is robust to the moments a busy machine preempts
      // redis-server in the middle of a command. The whole run's mean is reported beside it. The median window is robust to the moments a busy
      // machine preempts redis-server in the middle of a command.
      const windows = Math.max(1, Math.round(seconds / 10));
      const per: Record<Polled, { usec: number[]; cpu: number[]; polls: number }> = {
        replicaops: { usec: [], cpu: [], polls: 0 },
        exporter: { usec: [], cpu: [], polls: 0 },
        infoAll: { usec: [], cpu: [], polls: 0 },
      };
      const first = await readAll();
      const c0 = cycles();
      let before = first;
      let cyclesBefore = c0;
      for (let w = 0; w < windows; w++) {
        await new Promise((r) => setTimeout(r, (seconds * 1000) / windows));
        const after = await readAll();
        const cyclesAfter = cycles();
        const idle = diffCommandStats(before.idle.stats, after.idle.stats);
        const idleCpu = after.idle.cpu - before.idle.cpu;
        for (const n of POLLED) {
          const net = netOfIdle(diffCommandStats(before[n].stats, after[n].stats), idle);
          // The dashboard polls its node once per cycle, with ROLE or INFO (a quiet node's INFO
          // rides every few seconds): its polls are its cycles. The others send one INFO a poll.
          const polls = n === 'replicaops' ? cyclesAfter - cyclesBefore : (net.get('info')?.calls ?? 0);
          if (polls === 0) continue;
          per[n].polls += polls;
          per[n].usec.push(totalCommandTime(net).usec / polls);
          per[n].cpu.push(((after[n].cpu - before[n].cpu - idleCpu) * 1000) / polls);
        }
        before = after;
        cyclesBefore = cyclesAfter;
      }
      const whole = (n: Polled) => netOfIdle(diffCommandStats(first[n].stats, before[n].stats), diffCommandStats(first.idle.stats, before.idle.stats));
      const row = (n: Polled): PollCostRow => ({
        polls: per[n].polls,
        usecPerPoll: Math.round(median(per[n].usec) * 10) / 10,
        usecPerPollMean: Math.round((totalCommandTime(whole(n)).usec / Math.max(1, per[n].polls)) * 10) / 10,
        cpuMsPerPoll: Math.round(median(per[n].cpu) * 1000) / 1000,
        commands: describeCommands(whole(n), per[n].polls),
      });
      const idleCpuMs = (before.idle.cpu - first.idle.cpu) * 1000;
      return {
        keys,
        seconds,
        pollMs,
        exporterBinary: binary,
        exporterVersion: version,
        dashboardCycles: cycles() - c0,
        rows: { replicaops: row('replicaops'), exporter: row('exporter'), infoAll: row('infoAll') },
        idleCpuMsPerMin: Math.round((idleCpuMs / seconds) * 60 * 10) / 10,
      };
    },
    async stop() {
      running = false;
      await Promise.allSettled(loops);
      infoAllConn.disconnect();
      exporter?.kill('SIGTERM');
      await sandbox.stop();
    },
  };
}
