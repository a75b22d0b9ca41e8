// Finds a runnable redis-server, installing the Debian package when we are root and may.
import { spawn, spawnSync } from 'node:child_process';
import { logger } from '../logger';

const log = logger('sandbox');

export const MISSING_REDIS_MESSAGE =
  'redis-server was not found: install it with `sudo apt-get install -y redis-server` ' +
  '(Debian/Ubuntu) or point `REDIS_SERVER_BIN` at a redis-server binary.';

export interface RedisBinary {
  bin: string;
  /** e.g. `7.0.15`. */
  version: string;
}

// One lookup per process: several sandboxes (parallel tests) must not race two apt-get runs.
const cache = new Map<string, Promise<RedisBinary>>();

/**
 * `bin` is what the caller took from REDIS_SERVER_BIN (or its config); without it the PATH is
 * searched. Spawning `--version` both finds and validates the binary, so no PATH parsing here.
 */
export function findRedisServer(bin?: string): Promise<RedisBinary> {
  const key = bin ?? '';
  let found = cache.get(key);
  if (!found) {
    found = locate(bin);
    cache.set(key, found);
    found.catch(() => cache.delete(key)); // a later call may succeed once the user installs it
  }
  return found;
}

async function locate(bin?: string): Promise<RedisBinary> {
  if (bin) {
    const explicit = probeVersion(bin);
    if (!explicit)
      throw new Error(`${bin} is not a runnable redis-server. ${MISSING_REDIS_MESSAGE}`);
    return explicit;
  }
  const onPath = probeVersion('redis-server');
  if (onPath) return onPath;
  if (!canAptInstall()) throw new Error(MISSING_REDIS_MESSAGE);
  await aptInstall();
  const installed = probeVersion('redis-server');
  if (!installed)
    throw new Error(`apt-get finished but redis-server is still missing. ${MISSING_REDIS_MESSAGE}`);
  return installed;
}

function probeVersion(bin: string): RedisBinary | undefined {
  const res = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 5_000 });
  if (res.error || res.status !== 0) return undefined;
  const version = /v=(\S+)/.exec(res.stdout)?.[1];
  return version ? { bin, version } : undefined;
}

function canAptInstall(): boolean {
  const isRoot = process.getuid?.() === 0;
  return isRoot && !spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).error;
}

async function aptInstall(): Promise<void> {
  log.warn('redis-server is missing; running `apt-get update && apt-get install -y redis-server`');
  await run(['apt-get', 'update']);
  // `env` sets DEBIAN_FRONTEND for apt only, so no prompt can hang a headless start-up.
  await run(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'redis-server']);
  log.info('redis-server installed with apt-get');
}

function run(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd ?? '', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        log.debug({ cmd: argv.join(' ') }, line);
        tail.push(line);
        if (tail.length > 20) tail.shift();
      }
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`\`${argv.join(' ')}\` exited with ${code}: ${tail.slice(-5).join(' | ')}`),
          ),
    );
  });
}
