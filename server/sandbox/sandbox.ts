// A live local replication topology: start, break, repair and stop real redis-server processes.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { logger } from '../logger';
import { ClientCache, createClient } from './client-cache';
import type { FaultProxy } from './fault-proxy';
import { ProxyLinks } from './fault-injection/proxy-links';
import { releasePort, reserveFreePorts } from './free-port';
import { trackTempDir } from './process-reaper';
import { AOF_DIR, RDB_FILE, renderConfig } from './redis-config';
import { AddressInUseError, spawnRedis, stopProcess, type RedisProcess } from './redis-process';
import { syncProblem } from './replication-check';
import type { RestartOptions, SandboxNode, SandboxOptions, ShapeEntry } from './types';
import { sleep, waitFor } from './wait';
import { WriteLoad } from './write-load';

const log = logger('sandbox');
const SPAWN_TIMEOUT_MS = 10_000;
const PORT_ATTEMPTS = 5;

type NodeState = { -readonly [K in keyof SandboxNode]: SandboxNode[K] };

export interface SandboxInit {
  bin: string;
  rootDir: string;
  options: SandboxOptions;
  order: string[];
  keepFiles: boolean;
  isOwnDir: boolean;
}

export class Sandbox {
  private readonly state = new Map<string, NodeState>();
  private readonly procs = new Map<string, RedisProcess>();
  /** Processes we are ending on purpose; any other exit is a crash worth a warning. */
  private readonly expectedExits = new WeakSet<RedisProcess>();
  private readonly clients: ClientCache;
  private readonly proxies = new ProxyLinks();
  private writeLoad: WriteLoad | undefined;
  private stopping: Promise<void> | undefined;
  private readonly bin: string;
  private readonly options: SandboxOptions;
  /** Node names in shape order (nodes of one level start in parallel, finishing in any order). */
  private readonly order: string[];
  private readonly keepFiles: boolean;
  private readonly isOwnDir: boolean;
  readonly rootDir: string;

  constructor(init: SandboxInit) {
    this.bin = init.bin;
    this.options = init.options;
    this.order = init.order;
    this.rootDir = init.rootDir;
    this.keepFiles = init.keepFiles;
    this.isOwnDir = init.isOwnDir;
    this.clients = new ClientCache(init.options.password);
  }

  get nodes(): readonly SandboxNode[] {
    return this.order.flatMap((name) => this.state.get(name) ?? []);
  }

  node(name: string): SandboxNode {
    return this.mutable(name);
  }

  private mutable(name: string): NodeState {
    const node = this.state.get(name);
    if (!node)
      throw new Error(`no sandbox node "${name}" (have: ${[...this.state.keys()].join(', ')})`);
    return node;
  }

  /** The nodes' requirepass, when set (Sentinels need it as auth-pass). */
  get password(): string | undefined {
    return this.options.password;
  }

  /** Connection URLs of every node, with the password when one is set. */
  seeds(): string[] {
    const pw = this.options.password;
    const auth = pw === undefined ? '' : `:${encodeURIComponent(pw)}@`;
    return this.nodes.map((n) => `redis://${auth}${n.host}:${n.port}`);
  }

  isSandboxNode(id: string): boolean {
    const normalised = id.replace(/^localhost:/, '127.0.0.1:');
    return this.nodes.some((n) => n.id === normalised);
  }

  /** Whether stop() has been called: a stopped sandbox takes no more faults. */
  get isStopped(): boolean {
    return this.stopping !== undefined;
  }

  /** The fault proxy on `replica`'s link to its upstream (needs `faultProxy: true`). */
  proxy(replica: string): FaultProxy {
    const proxy = this.proxies.get(this.node(replica).name);
    if (!proxy) throw new Error(`no fault proxy for "${replica}": start with { faultProxy: true }`);
    return proxy;
  }

  hasProxy(replica: string): boolean {
    return this.proxies.get(replica) !== undefined;
  }

  /** Cached client for the node (see ClientCache.get); closed by stop(). */
  client(name: string): Promise<Redis> {
    return this.clients.get(this.node(name));
  }

  /** Signals the node and resolves once the process is gone. */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.mutable(name);
    const proc = this.procs.get(name);
    if (!proc) return;
    log.info({ node: name, signal }, 'killing sandbox node');
    this.expectedExits.add(proc);
    await stopProcess(proc, signal);
  }

  /**
   * Starts the node again on its port with its redis.conf (killing it first if it still runs).
   * Resolves once it answers PING and its cached client has reconnected; call waitForSync()
   * to wait for its replication links.
   */
  async restart(name: string, options: RestartOptions = {}): Promise<void> {
    const node = this.mutable(name);
    if (this.stopping) throw new Error(`sandbox is stopped; cannot restart "${name}"`);
    await this.kill(name);
    if (options.wipe) {
      await rm(join(node.dir, RDB_FILE), { force: true });
      await rm(join(node.dir, AOF_DIR), { recursive: true, force: true });
    }
    log.info({ node: name, wipe: options.wipe ?? false }, 'restarting sandbox node');
    // The port is ours (reserved) but another program may have grabbed it meanwhile.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.launch(node);
        break;
      } catch (err) {
        if (!(err instanceof AddressInUseError) || attempt >= PORT_ATTEMPTS) throw err;
        await sleep(200 * attempt);
      }
    }
    // Callers keep client references across a restart; with the offline queue off they would
    // fail until ioredis' next reconnect attempt (≤ 500 ms away).
    await this.clients.settle(name);
  }

  /** Freezes the node (SIGSTOP): connections stay open but nothing is answered. */
  pause(name: string): void {
    this.signalLive(name, 'SIGSTOP');
    this.mutable(name).paused = true;
  }

  resume(name: string): void {
    this.signalLive(name, 'SIGCONT');
    this.mutable(name).paused = false;
  }

  waitFor(
    predicate: () => boolean | Promise<boolean>,
    timeoutMs: number,
    what?: string,
  ): Promise<void> {
    return waitFor(predicate, timeoutMs, { what });
  }

  /** Resolves once every replica has master_link_status:up and is listed online upstream. */
  waitForSync(timeoutMs = 15_000): Promise<void> {
    const replicas = this.nodes.filter((n) => n.upstream !== undefined);
    return waitFor(
      async () => {
        const problems = await Promise.all(
          replicas.map((r) =>
            syncProblem(r, this.node(r.upstream as string), this.options.password),
          ),
        );
        const open = problems.filter((p): p is string => p !== undefined);
        if (open.length > 0) throw new Error(open.join('; '));
        return true;
      },
      Math.max(timeoutMs, 0),
      { what: 'replication sync', intervalMs: 100 },
    );
  }

  /** Starts (or re-rates) the gentle write load against the first master of the shape. */
  startWriteLoad(opsPerSec: number): void {
    this.stopWriteLoad();
    const master = this.nodes.find((n) => n.upstream === undefined) as SandboxNode;
    this.writeLoad = new WriteLoad(createClient(master, this.options.password), opsPerSec);
    this.writeLoad.start();
    log.info({ node: master.name, opsPerSec }, 'write load started');
  }

  stopWriteLoad(): void {
    this.writeLoad?.stop();
    this.writeLoad = undefined;
  }

  /** Kills every process, closes clients, removes the files we created. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.teardown();
    return this.stopping;
  }

  private async teardown(): Promise<void> {
    this.stopWriteLoad();
    this.clients.closeAll();
    const procs = [...this.procs.values()];
    for (const proc of procs) this.expectedExits.add(proc);
    await Promise.all(procs.map((p) => stopProcess(p, 'SIGKILL')));
    await this.proxies.closeAll();
    for (const node of this.state.values()) releasePort(node.port);
    if (!this.keepFiles) await rm(this.rootDir, { recursive: true, force: true });
    if (this.isOwnDir) trackTempDir(this.rootDir, false);
    log.info({ rootDir: this.rootDir, keptFiles: this.keepFiles }, 'sandbox stopped');
  }

  /** First start of a node from the shape; on a port clash it moves to another free port. */
  async spawnNew(entry: ShapeEntry, host: string, firstPort: number): Promise<void> {
    const dir = join(this.rootDir, entry.name);
    await mkdir(dir, { recursive: true });
    const upstream = entry.upstream === undefined ? undefined : this.node(entry.upstream);
    const replicaOf = upstream ? await this.linkAddress(entry.name, upstream) : undefined;
    const node: NodeState = {
      name: entry.name,
      id: `${host}:${firstPort}`,
      host,
      port: firstPort,
      upstream: entry.upstream,
      replicaOf,
      dir,
      logFile: join(dir, 'redis.log'),
      configFile: join(dir, 'redis.conf'),
      running: false,
      paused: false,
    };
    this.state.set(entry.name, node);
    for (let attempt = 1; ; attempt++) {
      await this.writeConfig(node);
      try {
        return await this.launch(node);
      } catch (err) {
        if (!(err instanceof AddressInUseError) || attempt >= PORT_ATTEMPTS) throw err;
        log.debug({ node: node.name, port: node.port }, 'port taken meanwhile; trying another');
        releasePort(node.port);
        node.port = (await reserveFreePorts(host, 1))[0] ?? 0;
        node.id = `${host}:${node.port}`;
      }
    }
  }

  private async linkAddress(replica: string, upstream: SandboxNode) {
    const via = await this.options.linkVia?.({ replica, upstream });
    if (via) return via;
    if (this.options.faultProxy) return this.proxies.create(replica, upstream);
    return { host: upstream.host, port: upstream.port };
  }

  private async writeConfig(node: NodeState): Promise<void> {
    const text = renderConfig({
      ...node,
      persistence: node.upstream === undefined ? (this.options.masterPersistence ?? 'rdb') : 'rdb',
      password: this.options.password,
      commonConfig: this.options.commonConfig,
      extraConfig: this.options.extraConfig?.[node.name],
    });
    // 0600: the file may hold requirepass.
    await writeFile(node.configFile, text, { mode: 0o600 });
  }

  private async launch(node: NodeState): Promise<void> {
    const proc = await spawnRedis({
      bin: this.bin,
      configFile: node.configFile,
      logFile: node.logFile,
      target: { host: node.host, port: node.port, password: this.options.password },
      timeoutMs: this.options.spawnTimeoutMs ?? SPAWN_TIMEOUT_MS,
    });
    this.procs.set(node.name, proc);
    Object.assign(node, { pid: proc.pid, running: true, paused: false });
    void proc.exited.then((exit) => {
      if (this.procs.get(node.name) !== proc) return;
      Object.assign(node, { pid: undefined, running: false, paused: false });
      this.procs.delete(node.name);
      if (this.expectedExits.has(proc))
        log.debug({ node: node.name, ...exit }, 'sandbox node exited');
      else
        log.warn(
          { node: node.name, ...exit, logFile: node.logFile },
          'sandbox node exited on its own',
        );
    });
  }

  private signalLive(name: string, signal: NodeJS.Signals): void {
    const proc = this.procs.get(name);
    if (!proc?.isRunning()) throw new Error(`sandbox node "${name}" is not running`);
    proc.child.kill(signal);
  }
}
