// `tsx bench/cold-commands.ts [--seconds 40]`: what one command costs Redis when it is the only
// one a server gets in a second — the situation of a monitored node polled once a second, which
// is cold every time (caches, allocator, an idle `--hz 1` process woken by the request). One
// quiet redis-server per variant (20,000 keys, `--hz 1`, no persistence), one variant's commands
// per second each, all servers in step; each command's own time from SLOWLOG with a threshold of
// 0 µs (median and quartiles: robust to a descheduled process, unlike commandstats' mean).
import { spawn, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { reserveFreePorts } from '../server/sandbox/free-port';
import { track } from '../server/sandbox/process-reaper';
import { sleep } from '../server/sandbox';
import { FAST_SECTIONS } from '../server/monitor/poll-tiers';
import { numberFlag } from './large/tree-shape';

const seconds = numberFlag(process.argv.slice(2))('seconds', 40);

/** Each variant: the commands sent together (one pipeline) once a second. */
const VARIANTS: Record<string, string[][]> = {
  'PING': [['PING']],
  'ROLE': [['ROLE']],
  'INFO replication': [['INFO', 'replication']],
  'INFO <ReplicaOps every-poll sections>': [['INFO', ...FAST_SECTIONS]],
  'ROLE + INFO replication (one round trip)': [['ROLE'], ['INFO', 'replication']],
  'INFO (default sections)': [['INFO']],
  'INFO ALL': [['INFO', 'ALL']],
};

function quartiles(values: number[]): string {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number) => v[Math.min(v.length - 1, Math.floor(q * v.length))] ?? NaN;
  return `p25 ${at(0.25)} · p50 ${at(0.5)} · p75 ${at(0.75)} µs (n=${v.length})`;
}

const names = Object.keys(VARIANTS);
const ports = await reserveFreePorts('127.0.0.1', names.length);
const procs: ChildProcess[] = ports.map((port) => {
  const p = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--hz', '1'], { stdio: 'ignore' });
  track(p);
  return p;
});
const clients = ports.map((port) => new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 }));
try {
  for (const c of clients) {
    for (let tries = 0; ; tries++) {
      try {
        await c.connect();
        break;
      } catch (err) {
        if (tries > 50) throw err;
        await sleep(100);
      }
    }
    for (let i = 0; i < 20_000; i += 1000) {
      const p = c.pipeline();
      for (let j = i; j < i + 1000; j++) p.set(`key:${j}`, `value-${j}-${'x'.repeat(16)}`);
      await p.exec();
    }
    await c.config('SET', 'slowlog-log-slower-than', '0');
    await c.config('SET', 'slowlog-max-len', '10000');
    await c.call('SLOWLOG', 'RESET');
  }
  for (let s = 0; s < seconds; s++) {
    await Promise.all(names.map((name, i) => {
      const p = clients[i]!.pipeline();
      for (const cmd of VARIANTS[name]!) p.call(cmd[0]!, ...cmd.slice(1));
      return p.exec();
    }));
    await sleep(1000);
  }
  process.stdout.write(`one round trip per second per server, ${seconds} s, redis-server with 20,000 keys, --hz 1\n`);
  for (const [i, name] of names.entries()) {
    const log: unknown = await clients[i]!.call('SLOWLOG', 'GET', '10000');
    const byCommand = new Map<string, number[]>();
    for (const entry of Array.isArray(log) ? log : []) {
      // [id, timestamp, duration µs, argv, client address, client name]
      const usec: unknown = Array.isArray(entry) ? entry[2] : undefined;
      const argv: unknown = Array.isArray(entry) ? entry[3] : undefined;
      if (typeof usec !== 'number' || !Array.isArray(argv)) continue;
      const cmd = argv.slice(0, 2).map(String).join(' ').toUpperCase();
      if (/^(SLOWLOG|CONFIG|SET)/.test(cmd)) continue;
      byCommand.set(cmd, [...(byCommand.get(cmd) ?? []), usec]);
    }
    process.stdout.write(`${name}\n`);
    for (const [cmd, values] of byCommand) process.stdout.write(`    ${cmd.padEnd(20)} ${quartiles(values)}\n`);
  }
} finally {
  for (const c of clients) c.disconnect();
  for (const p of procs) p.kill('SIGKILL');
}
