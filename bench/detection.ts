// (a) Detection latency: a replica process is killed (or frozen with SIGSTOP, like a network
// black hole: no FIN, the socket stays open) → time until a socket.io client receives the
// topology update showing it unreachable; or its link cut (`unlink`: REPLICAOF a port nobody
// listens on, the replica stays up) → time until the client sees the replica's link not up: what
// a quiet replica polled with ROLE must still show at once. Repeated `trials` times.
import { io } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TopologyDelta } from '../lib/contracts';
import { startServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { rootLogger } from '../server/logger';
import { startSandbox, waitFor } from '../server/sandbox';
import { reserveFreePorts } from '../server/sandbox/free-port';
import type { Socket } from 'socket.io-client';

export type Fault = 'kill' | 'freeze' | 'unlink';

export interface DetectionResult {
  fault: Fault;
  pollMs: number;
  trials: number;
  samplesMs: number[];
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  p95OverPoll: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

export async function benchDetection(fault: Fault, trials = 20, pollMs = 1000): Promise<DetectionResult> {
  rootLogger.level = 'warn';
  const sandbox = await startSandbox({ shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'm' }] });
  const server = await startServer(
    loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: String(pollMs), REPLICAOPS_SEEDS: sandbox.seeds()[0] }),
    { withUi: false },
  );
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, { transports: ['websocket'] });
  const victim = sandbox.node('r2').id;
  const master = sandbox.node('m');
  const replica = await sandbox.client('r2');
  const [deadPort] = await reserveFreePorts('127.0.0.1', 1);
  const samplesMs: number[] = [];
  try {
    await waitFor(() => server.monitor.snapshot().topology.links.filter((l) => l.linkStatus === 'up').length === 2, 20_000);
    for (let i = 0; i < trials; i++) {
      // Kill at a random phase of the poll cycle, as a real crash would be.
      await new Promise((r) => setTimeout(r, Math.random() * pollMs));
      const seen = new Promise<number>((resolve) => {
        const onUpdate = (d: TopologyDelta) => {
          const shown =
            fault === 'unlink'
              ? d.links.some((l) => l.replica === victim && l.linkStatus !== 'up')
              : d.nodes.some((n) => n.id === victim && !n.reachable);
          if (shown) {
            socket.off('topology:update', onUpdate);
            resolve(performance.now());
          }
        };
        socket.on('topology:update', onUpdate);
      });
      const injectedAt = performance.now();
      if (fault === 'kill') await sandbox.kill('r2');
      else if (fault === 'freeze') sandbox.pause('r2');
      else await replica.call('REPLICAOF', '127.0.0.1', String(deadPort));
      samplesMs.push((await seen) - injectedAt);
      if (fault === 'kill') await sandbox.restart('r2');
      else if (fault === 'freeze') sandbox.resume('r2');
      else await replica.call('REPLICAOF', master.host, String(master.port));
      await waitFor(() => {
        const t = server.monitor.snapshot().topology;
        return t.nodes.some((n) => n.id === victim && n.reachable) && t.links.some((l) => l.replica === victim && l.linkStatus === 'up');
      }, 20_000);
      // The replica is quiet again (polled with ROLE) before the next trial.
      await new Promise((r) => setTimeout(r, 3 * pollMs));
    }
  } finally {
    socket.close();
    await server.stop();
    await sandbox.stop();
  }
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return {
    fault,
    pollMs,
    trials,
    samplesMs: samplesMs.map((s) => Math.round(s)),
    p50Ms: Math.round(percentile(sorted, 50)),
    p95Ms: Math.round(p95),
    maxMs: Math.round(sorted[sorted.length - 1] ?? Number.NaN),
    p95OverPoll: Math.round((p95 / pollMs) * 100) / 100,
  };
}
