// startSandbox(): validates the shape, starts nodes level by level, waits for sync.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger } from '../logger';
import { releasePort, reserveFreePorts } from './free-port';
import { trackTempDir } from './process-reaper';
import { findRedisServer } from './redis-binary';
import { Sandbox } from './sandbox';
import { DEFAULT_SHAPE, startLevels } from './shape';
import type { SandboxOptions } from './types';

const log = logger('sandbox');

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const shape = options.shape ?? DEFAULT_SHAPE;
  const levels = startLevels(shape);
  const { bin, version } = await findRedisServer(options.redisServerBin);
  const isOwnDir = options.rootDir === undefined;
  const rootDir = options.rootDir ?? (await mkdtemp(join(tmpdir(), 'replicaops-sandbox-')));
  if (isOwnDir) trackTempDir(rootDir, true);
  const host = options.host ?? '127.0.0.1';
  const ports = await reserveFreePorts(host, shape.length);
  const sandbox = new Sandbox({
    bin,
    rootDir,
    options,
    order: shape.map((e) => e.name),
    keepFiles: options.keepFiles ?? !isOwnDir,
    isOwnDir,
  });
  try {
    let i = 0;
    for (const level of levels) {
      const withPorts = level.map((entry) => ({ entry, port: ports[i++] ?? 0 }));
      // Hundreds of processes starting at once on a small machine miss their start-up PING.
      const batch = options.spawnConcurrency ?? withPorts.length;
      for (let b = 0; b < withPorts.length; b += batch) {
        // Settle the whole batch before failing: a spawn still writing its files would make the
        // teardown's rm fail and hide the first error.
        const settled = await Promise.allSettled(
          withPorts
            .slice(b, b + batch)
            .map(({ entry, port }) => sandbox.spawnNew(entry, host, port)),
        );
        const failed = settled.find((s) => s.status === 'rejected');
        if (failed) throw failed.reason;
      }
    }
    if (options.waitForSync ?? true) await sandbox.waitForSync(timeoutMs - (Date.now() - started));
    if (options.writeLoad) sandbox.startWriteLoad(options.writeLoad.opsPerSec);
  } catch (err) {
    await sandbox.stop();
    for (const port of ports) releasePort(port); // stop() only knows the nodes that got started
    throw err;
  }
  log.info(
    {
      redis: version,
      rootDir,
      ms: Date.now() - started,
      nodes: sandbox.nodes.map((n) => `${n.name}=${n.id}`),
    },
    'sandbox started',
  );
  return sandbox;
}
