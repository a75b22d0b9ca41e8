// Real Redis Sentinels beside a sandbox tree (`redis-server <conf> --sentinel`): the demo's
// `--sentinel` mode and the Sentinel integration tests. Each Sentinel has its own dir, config
// (Sentinel rewrites it) and log; kill()/restart() keep its port.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../logger';
import { releasePort, reserveFreePorts } from './free-port';
import { findRedisServer } from './redis-binary';
import { quote } from './redis-config';
import { probe } from './redis-probe';
import { spawnRedis, stopProcess, type RedisProcess } from './redis-process';
import { waitFor } from './wait';
import type { Sandbox } from './sandbox';

const log = logger('sandbox');
const SPAWN_TIMEOUT_MS = 10_000;

export interface SentinelOptions {
  /** Name Sentinel monitors the master under. Default `mymaster`. */
  masterName?: string;
  /** Sandbox node to monitor. Default: the first node without upstream. */
  master?: string;
  /** Default 3. */
  count?: number;
  /** Default 2. */
  quorum?: number;
  /** Default 1000 ms: tests want a fast `+sdown`. */
  downAfterMs?: number;
  /** Default 10 000 ms. */
  failoverTimeoutMs?: number;
  /** `requirepass` of the Sentinels themselves (separate from the data nodes'). */
  password?: string;
  redisServerBin?: string;
  /**
   * Default true: resolve only once every Sentinel answers SENTINEL CKQUORUM with OK (fresh
   * Sentinels need a few hello rounds, ~2 s each, to learn of each other).
   */
  waitForQuorum?: boolean;
}

export interface SandboxSentinel {
  readonly index: number;
  readonly host: string;
  readonly port: number;
  readonly id: string;
  readonly dir: string;
  readonly configFile: string;
  readonly logFile: string;
  readonly running: boolean;
}

type State = { -readonly [K in keyof SandboxSentinel]: SandboxSentinel[K] };

export class SandboxSentinels {
  private readonly procs = new Map<number, RedisProcess>();
  private stopped = false;

  constructor(
    private readonly bin: string,
    private readonly state: State[],
    readonly masterName: string,
    private readonly password: string | undefined,
  ) {}

  get sentinels(): readonly SandboxSentinel[] {
    return this.state;
  }

  /** `sentinel://[:pass@]host:port,host:port/<masterName>` naming every Sentinel. */
  seed(only?: number[]): string {
    const auth = this.password === undefined ? '' : `:${encodeURIComponent(this.password)}@`;
    const list = this.state.filter((s) => !only || only.includes(s.index));
    return `sentinel://${auth}${list.map((s) => s.id).join(',')}/${this.masterName}`;
  }

  async launch(index: number): Promise<void> {
    const s = this.at(index);
    const proc = await spawnRedis({
      bin: this.bin,
      configFile: s.configFile,
      logFile: s.logFile,
      target: { host: s.host, port: s.port, password: this.password },
      timeoutMs: SPAWN_TIMEOUT_MS,
      extraArgs: ['--sentinel'],
    });
    this.procs.set(index, proc);
    s.running = true;
    void proc.exited.then(() => {
      if (this.procs.get(index) === proc) {
        this.procs.delete(index);
        s.running = false;
      }
    });
  }

  async kill(index: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const proc = this.procs.get(index);
    if (!proc) return;
    log.info({ sentinel: this.at(index).id, signal }, 'killing sandbox sentinel');
    await stopProcess(proc, signal);
  }

  async restart(index: number): Promise<void> {
    if (this.stopped) throw new Error('sentinels are stopped');
    await this.kill(index);
    await this.launch(index);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all([...this.procs.values()].map((p) => stopProcess(p, 'SIGKILL')));
    for (const s of this.state) releasePort(s.port);
  }

  private at(index: number): State {
    const s = this.state[index];
    if (!s) throw new Error(`no sandbox sentinel #${index}`);
    return s;
  }
}

/** Config of one Sentinel; the file must stay writable: Sentinel rewrites it as it learns. */
export function renderSentinelConfig(input: {
  host: string;
  port: number;
  dir: string;
  logFile: string;
  masterName: string;
  master: { host: string; port: number };
  quorum: number;
  downAfterMs: number;
  failoverTimeoutMs: number;
  password?: string;
  authPass?: string;
}): string {
  const n = input.masterName;
  const lines = [
    '# ReplicaOps sandbox Sentinel. Sentinel rewrites this file as it learns the group.',
    `bind ${input.host}`,
    `port ${input.port}`,
    'protected-mode no',
    'daemonize no',
    `dir ${input.dir}`,
    `logfile ${input.logFile}`,
    `sentinel monitor ${n} ${input.master.host} ${input.master.port} ${input.quorum}`,
    `sentinel down-after-milliseconds ${n} ${input.downAfterMs}`,
    `sentinel failover-timeout ${n} ${input.failoverTimeoutMs}`,
    `sentinel parallel-syncs ${n} 1`,
  ];
  if (input.authPass !== undefined) lines.push(`sentinel auth-pass ${n} ${quote(input.authPass)}`);
  if (input.password !== undefined) lines.push(`requirepass ${quote(input.password)}`);
  return `${lines.join('\n')}\n`;
}

/** Starts `count` Sentinels monitoring the sandbox's master; stop them before the sandbox. */
export async function startSentinels(sandbox: Sandbox, options: SentinelOptions = {}): Promise<SandboxSentinels> {
  const { bin } = await findRedisServer(options.redisServerBin);
  const masterNode = options.master
    ? sandbox.node(options.master)
    : sandbox.nodes.find((n) => n.upstream === undefined);
  if (!masterNode) throw new Error('the sandbox has no master to monitor');
  const count = options.count ?? 3;
  const host = masterNode.host;
  const ports = await reserveFreePorts(host, count);
  const masterName = options.masterName ?? 'mymaster';
  const state: State[] = [];
  for (const [index, port] of ports.entries()) {
    const dir = join(sandbox.rootDir, `sentinel-${index + 1}`);
    await mkdir(dir, { recursive: true });
    const s: State = {
      index,
      host,
      port,
      id: `${host}:${port}`,
      dir,
      configFile: join(dir, 'sentinel.conf'),
      logFile: join(dir, 'sentinel.log'),
      running: false,
    };
    const text = renderSentinelConfig({
      ...s,
      masterName,
      master: masterNode,
      quorum: options.quorum ?? 2,
      downAfterMs: options.downAfterMs ?? 1000,
      failoverTimeoutMs: options.failoverTimeoutMs ?? 10_000,
      password: options.password,
      authPass: sandbox.password,
    });
    await writeFile(s.configFile, text, { mode: 0o600 });
    state.push(s);
  }
  const set = new SandboxSentinels(bin, state, masterName, options.password);
  try {
    await Promise.all(state.map((s) => set.launch(s.index)));
    if (options.waitForQuorum ?? true)
      await waitFor(
        async () => {
          const answers = await Promise.all(state.map((s) => probe({ host: s.host, port: s.port, password: options.password }, ['SENTINEL', 'CKQUORUM', masterName])));
          return answers.every((a) => a.startsWith('OK'));
        },
        20_000,
        { what: 'Sentinels to reach their quorum', intervalMs: 200 },
      );
  } catch (err) {
    await set.stop();
    throw err;
  }
  log.info({ sentinels: state.map((s) => s.id), master: masterNode.id, masterName }, 'sentinels started');
  return set;
}
