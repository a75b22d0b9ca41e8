// Faults that end in a full resync: a backlog too small for an outage, and an output
// buffer limit too low for a slow link (the buffer-limit disconnect loop).
import { logger } from '../../logger';
import type { Sandbox } from '../sandbox';
import { waitFor } from '../wait';
import { once, type InjectedFault } from './fault-types';
import { assertSandbox } from './guard';
import {
  configGet,
  configSet,
  fillStream,
  info,
  listsReplica,
  rootOf,
  upstreamOf,
} from './redis-ops';

const log = logger('faults');

export interface BacklogOverflowOptions {
  /** SIGSTOP the replica, or black-hole its link (default when the sandbox has proxies). */
  hold?: 'pause' | 'blackhole';
  /** Default 16 kb, Redis' minimum. */
  backlogBytes?: number;
  /** repl-timeout set on the upstream, so it drops the held replica quickly. Default 2 s. */
  replTimeoutSec?: number;
  /** Written after the upstream dropped the replica. Default 1 MiB. */
  fillBytes?: number;
}

/**
 * Shrinks the upstream's backlog, holds `replica` out until the upstream drops it
 * (`Disconnecting timedout replica`, reference §4 F5), then writes more than the backlog
 * holds. On undo() the replica asks for a partial resync and is refused "for lack of
 * backlog": sync_full +1 (F2).
 * Why wait for the drop before writing: while the replica is still attached it pins the
 * replication buffer (backlog_histlen grows far past repl-backlog-size, F2 gotcha), and what
 * the master already pushed into socket buffers (MBs on loopback) counts as sent.
 */
export async function overflowBacklog(
  sb: Sandbox,
  replica: string,
  options: BacklogOverflowOptions = {},
): Promise<InjectedFault> {
  assertSandbox(sb);
  const upstream = upstreamOf(sb, replica);
  const hold = options.hold ?? (sb.hasProxy(replica) ? 'blackhole' : 'pause');
  const backlogBytes = options.backlogBytes ?? 16 * 1024;
  const timeoutSec = options.replTimeoutSec ?? 2;
  const fillBytes = options.fillBytes ?? 1024 * 1024;
  const client = await sb.client(upstream.name);
  const saved = {
    backlog: await configGet(client, 'repl-backlog-size'),
    timeout: await configGet(client, 'repl-timeout'),
  };
  await configSet(client, 'repl-backlog-size', String(backlogBytes));
  await configSet(client, 'repl-timeout', String(timeoutSec));
  if (hold === 'blackhole') await sb.proxy(replica).partition('blackhole');
  else sb.pause(replica);
  const release = async () => {
    if (hold === 'blackhole') await sb.proxy(replica).heal();
    else if (sb.node(replica).paused) sb.resume(replica);
    const c = await sb.client(upstream.name);
    await configSet(c, 'repl-timeout', saved.timeout);
    await configSet(c, 'repl-backlog-size', saved.backlog);
  };
  const started = Date.now();
  try {
    await waitFor(
      async () => !listsReplica(await info(sb, upstream.name), sb.node(replica)),
      (timeoutSec + 8) * 1000,
      { what: `${upstream.name} to drop the held ${replica}`, intervalMs: 100 },
    );
    await fillStream(await sb.client(rootOf(sb, replica).name), fillBytes);
  } catch (err) {
    await release();
    throw err;
  }
  return {
    kind: 'backlog_overflow',
    nodes: [replica, upstream.name],
    detail: { hold, backlogBytes, fillBytes, droppedAfterMs: Date.now() - started },
    undo: once(release),
  };
}

export interface OutputBufferLoopOptions {
  /** `client-output-buffer-limit replica` value. Default `1mb 512kb 5`, as in the lab (F3). */
  limit?: string;
  /** Link cap on the replica's proxy. Default 64 KiB/s. */
  linkBytesPerSec?: number;
  /** Steady write rate on the root master while the fault is on. Default 2 MiB/s. */
  writeBytesPerSec?: number;
}

/**
 * Lowers the upstream's replica output-buffer limit, caps the replica's link and writes
 * faster than the link carries. Once socket buffers are full the replica's output buffer
 * passes the limit: `scheduled to be closed ASAP for overcoming of output buffer limits`,
 * then a full resync (the backlog no longer covers it) whose RDB crawls over the capped
 * link while writes pile up again: the disconnect loop of reference §4 F3 / §10 rule 3.
 * Needs `faultProxy: true`. 7.0+ raises a hard limit below repl-backlog-size to it.
 */
export async function outputBufferLoop(
  sb: Sandbox,
  replica: string,
  options: OutputBufferLoopOptions = {},
): Promise<InjectedFault> {
  assertSandbox(sb);
  const upstream = upstreamOf(sb, replica);
  const proxy = sb.proxy(replica);
  const limit = options.limit ?? '1mb 512kb 5';
  const linkBytesPerSec = options.linkBytesPerSec ?? 64 * 1024;
  const writeBytesPerSec = options.writeBytesPerSec ?? 2 * 1024 * 1024;
  const client = await sb.client(upstream.name);
  const current = await configGet(client, 'client-output-buffer-limit');
  const saved = /(?:slave|replica) (\d+ \d+ \d+)/.exec(current)?.[1] ?? '268435456 67108864 60';
  await configSet(client, 'client-output-buffer-limit', `replica ${limit}`);
  proxy.bandwidth(linkBytesPerSec);
  const writer = new BurstWriter(sb, rootOf(sb, replica).name, writeBytesPerSec);
  writer.start();
  return {
    kind: 'output_buffer_loop',
    nodes: [replica, upstream.name],
    detail: { limit, linkBytesPerSec, writeBytesPerSec },
    undo: once(async () => {
      writer.stop();
      await configSet(
        await sb.client(upstream.name),
        'client-output-buffer-limit',
        `replica ${saved}`,
      );
      proxy.bandwidth(null);
    }),
  };
}

// Self-rescheduling: a slow master never makes two bursts overlap.
class BurstWriter {
  private timer: NodeJS.Timeout | undefined;
  private isRunning = false;
  private isFailing = false;
  private static readonly TICK_MS = 250;

  constructor(
    private readonly sb: Sandbox,
    private readonly node: string,
    private readonly bytesPerSec: number,
  ) {}

  start(): void {
    this.isRunning = true;
    this.schedule(0);
  }

  stop(): void {
    this.isRunning = false;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.isRunning) this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    // A drill that failed before undo() must not leave a writer running forever.
    if (this.sb.isStopped) return this.stop();
    const started = Date.now();
    try {
      const bytes = (this.bytesPerSec * BurstWriter.TICK_MS) / 1000;
      await fillStream(await this.sb.client(this.node), bytes, Math.min(bytes, 64 * 1024));
      this.isFailing = false;
    } catch (err) {
      if (!this.isFailing) log.warn({ err: (err as Error).message }, 'burst writes failing');
      this.isFailing = true;
    }
    this.schedule(Math.max(0, BurstWriter.TICK_MS - (Date.now() - started)));
  }
}
