// A real local Redis Cluster: N shards × (1 primary + R replicas) of the system redis-server,
// joined by `redis-cli --cluster create`, for the cluster demo and the cluster tests.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { logger } from '../logger';
import { releasePort, reserveFreePorts } from './free-port';
import { trackTempDir } from './process-reaper';
import { findRedisServer } from './redis-binary';
import { renderConfig } from './redis-config';
import { infoFields, probe } from './redis-probe';
import { spawnRedis, stopProcess, type RedisProcess } from './redis-process';
import { waitFor } from './wait';

const log = logger('sandbox');

export interface ClusterSandboxOptions {
  /** Default 3. */
  shards?: number;
  /** Replicas per shard; default 1. */
  replicasPerShard?: number;
  /** Extra empty primaries (no slots) joined with CLUSTER MEET: spares to repair with. Default 0. */
  spares?: number;
  /** `cluster-node-timeout` in ms; default 2000 so failovers happen within seconds. */
  nodeTimeoutMs?: number;
  redisServerBin?: string;
  /** Budget for start-up until `cluster_state:ok` everywhere. Default 30 000 ms. */
  timeoutMs?: number;
  /** redis.conf directives for every node, applied last. */
  commonConfig?: Record<string, string>;
}

export interface ClusterSandboxNode {
  /** `n1`…`nN`, in creation order (redis-cli makes the first `shards` of them primaries). */
  readonly name: string;
  /** `host:port`, the id the monitor uses. */
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly busPort: number;
  readonly dir: string;
  readonly logFile: string;
  readonly configFile: string;
}

export class ClusterSandbox {
  private readonly procs = new Map<string, RedisProcess>();
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly bin: string,
    readonly rootDir: string,
    readonly nodes: readonly ClusterSandboxNode[],
    /** Live replicas every node must list before the cluster counts as formed. */
    public expectedReplicas: number,
  ) {}

  get isStopped(): boolean {
    return this.stopping !== undefined;
  }

  node(name: string): ClusterSandboxNode {
    const n = this.nodes.find((x) => x.name === name || x.id === name);
    if (!n) throw new Error(`no cluster sandbox node "${name}"`);
    return n;
  }

  seeds(): string[] {
    return this.nodes.map((n) => `redis://${n.host}:${n.port}`);
  }

  isRunning(name: string): boolean {
    return this.procs.get(this.node(name).name)?.isRunning() ?? false;
  }

  async launch(name: string): Promise<void> {
    const n = this.node(name);
    const proc = await spawnRedis({
      bin: this.bin,
      configFile: n.configFile,
      logFile: n.logFile,
      target: { host: n.host, port: n.port },
      timeoutMs: 10_000,
    });
    this.procs.set(n.name, proc);
  }

  /** SIGKILL by default: the node vanishes as in a crash; its nodes.conf stays for restart(). */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const proc = this.procs.get(this.node(name).name);
    if (proc) await stopProcess(proc, signal);
  }

  async restart(name: string): Promise<void> {
    await this.kill(name);
    await this.launch(name);
  }

  /** One command over a fresh connection; bulk and simple replies only (INFO, CLUSTER NODES…). */
  call(name: string, args: string[], timeoutMs = 2_000): Promise<string> {
    const n = this.node(name);
    return probe({ host: n.host, port: n.port }, args, timeoutMs);
  }

  /** Node names by their current role, as each running node says of itself. */
  async roles(): Promise<{ primaries: string[]; replicas: string[] }> {
    const primaries: string[] = [];
    const replicas: string[] = [];
    for (const n of this.nodes) {
      if (!this.isRunning(n.name)) continue;
      const role = infoFields(await this.call(n.name, ['INFO', 'replication'])).get('role');
      (role === 'master' ? primaries : replicas).push(n.name);
    }
    return { primaries, replicas };
  }

  /** The name of the node `replica` replicates from (`master_port` of its INFO). */
  async primaryOf(replica: string): Promise<string | undefined> {
    const port = Number(infoFields(await this.call(replica, ['INFO', 'replication'])).get('master_port'));
    return this.nodes.find((n) => n.port === port)?.name;
  }

  /** Until every running node says `cluster_state:ok` and knows every other node. */
  async waitForOk(timeoutMs: number): Promise<void> {
    await waitFor(
      async () => {
        for (const n of this.nodes) {
          if (!this.isRunning(n.name)) continue;
          const info = infoFields(await this.call(n.name, ['CLUSTER', 'INFO']));
          if (info.get('cluster_state') !== 'ok') return false;
          if (Number(info.get('cluster_known_nodes')) !== this.nodes.length) return false;
          // redis-cli assigns replicas after the slots: every node must see all of them.
          const lines = (await this.call(n.name, ['CLUSTER', 'NODES'])).split('\n');
          if (lines.filter((l) => /\bslave\b/.test(l) && !/\bfail\b/.test(l)).length < this.expectedReplicas) return false;
        }
        return true;
      },
      timeoutMs,
      { what: 'cluster_state:ok on every node', intervalMs: 100 },
    );
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all([...this.procs.values()].map((p) => stopProcess(p, 'SIGKILL')));
      for (const n of this.nodes) {
        releasePort(n.port);
        releasePort(n.busPort);
      }
      await rm(this.rootDir, { recursive: true, force: true });
      trackTempDir(this.rootDir, false);
    })();
    return this.stopping;
  }
}

export async function startClusterSandbox(options: ClusterSandboxOptions = {}): Promise<ClusterSandbox> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const shards = options.shards ?? 3;
  const replicas = options.replicasPerShard ?? 1;
  const created = shards * (1 + replicas);
  const count = created + (options.spares ?? 0);
  const { bin } = await findRedisServer(options.redisServerBin);
  const rootDir = await mkdtemp(path.join(tmpdir(), 'replicaops-cluster-'));
  trackTempDir(rootDir, true);
  const host = '127.0.0.1';
  // The bus port defaults to port + 10000, which a random free port may push past 65535.
  const ports = await reserveFreePorts(host, count * 2);
  const nodes: ClusterSandboxNode[] = [];
  for (let i = 0; i < count; i++) {
    const port = ports[i] ?? 0;
    const dir = path.join(rootDir, `n${i + 1}`);
    nodes.push({ name: `n${i + 1}`, id: `${host}:${port}`, host, port, busPort: ports[count + i] ?? 0, dir, logFile: path.join(dir, 'redis.log'), configFile: path.join(dir, 'redis.conf') });
  }
  const sandbox = new ClusterSandbox(bin, rootDir, nodes, shards * replicas);
  try {
    for (const n of nodes) {
      await mkdir(n.dir, { recursive: true });
      const text = renderConfig({
        name: n.name,
        host,
        port: n.port,
        dir: n.dir,
        logFile: n.logFile,
        persistence: 'rdb',
        extraConfig: {
          'cluster-enabled': 'yes',
          'cluster-config-file': path.join(n.dir, 'nodes.conf'),
          'cluster-node-timeout': String(options.nodeTimeoutMs ?? 2000),
          'cluster-port': String(n.busPort),
          ...options.commonConfig,
        },
      });
      await writeFile(n.configFile, text);
    }
    await Promise.all(nodes.map((n) => sandbox.launch(n.name)));
    await createCluster(bin, nodes.slice(0, created), replicas);
    const first = nodes[0]!;
    for (const spare of nodes.slice(created)) await sandbox.call(spare.name, ['CLUSTER', 'MEET', first.host, String(first.port), String(first.busPort)]);
    await sandbox.waitForOk(timeoutMs - (Date.now() - started));
  } catch (err) {
    await sandbox.stop();
    throw err;
  }
  log.info({ rootDir, ms: Date.now() - started, nodes: nodes.map((n) => `${n.name}=${n.id}`) }, 'cluster sandbox started');
  return sandbox;
}

/** `redis-cli --cluster create … --cluster-replicas R --cluster-yes`, next to redis-server. */
function createCluster(serverBin: string, nodes: readonly ClusterSandboxNode[], replicas: number): Promise<void> {
  const cli = serverBin.includes('/') ? path.join(path.dirname(serverBin), 'redis-cli') : 'redis-cli';
  const args = ['--cluster', 'create', ...nodes.map((n) => n.id), '--cluster-replicas', String(replicas), '--cluster-yes'];
  return new Promise((resolve, reject) => {
    const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-4000)));
    child.stderr.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-4000)));
    child.once('error', (err) => reject(new Error(`could not run ${cli}: ${err.message}`)));
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`redis-cli --cluster create failed (exit ${code}): ${out.trim().split('\n').slice(-4).join(' | ')}`));
    });
  });
}
