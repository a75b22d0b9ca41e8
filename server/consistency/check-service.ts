// Check runs: start, watch, cancel and keep. Running checks live in memory; finished ones go to
// the CheckStore (SQLite, the newest `historySize` kept, across restarts) — or, without a store,
// stay in memory under the same bound. Emits typed events; knows nothing of HTTP or sockets.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { mastersWithReplicas, rootMasterOf, subtreeOf } from '../../lib/consistency/topology-walk';
import type {
  ApiErrorCode,
  CanaryRequest,
  CheckProgressEvent,
  CheckRun,
  CheckSummary,
  CompareRequest,
  Topology,
} from '../../lib/contracts';
import type { ConsistencySettings } from '../config-schema';
import { logger } from '../logger';
import { CancelledError } from './abortable';
import { CANARY_PREFIX, runCanary } from './canary-runner';
import { CompareEngine } from './compare-engine';
import type { CheckStore } from './check-store';
import { connect, openConnection, type CredentialSource } from './connections';
import { errorText } from '../error-text';

const log = logger('consistency');

export interface TopologySource {
  snapshot(): { topology: Topology };
  canonical(id: string): string;
}

export interface CheckServiceEvents {
  progress: [CheckProgressEvent];
  done: [CheckRun];
}

/** A request the service refuses; the HTTP layer maps `code` to a status. */
export class CheckError extends Error {
  constructor(
    readonly code: Extract<ApiErrorCode, 'not_found' | 'conflict'>,
    message: string,
  ) {
    super(message);
  }
}

interface Entry {
  run: CheckRun;
  controller: AbortController;
  engine?: CompareEngine;
  finished: Promise<void>;
}

export class CheckService extends EventEmitter<CheckServiceEvents> {
  private readonly runs = new Map<string, Entry>();
  private readonly skipKeys: Buffer[];
  private canaryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly topology: TopologySource,
    private readonly credentials: CredentialSource,
    private readonly settings: ConsistencySettings,
    heartbeatKey?: string,
    private readonly store?: CheckStore,
  ) {
    super();
    this.skipKeys = heartbeatKey ? [Buffer.from(heartbeatKey)] : [];
  }

  /** The dashboard's own keys: heartbeat (exact) and canaries (prefix). */
  readonly skip = (key: Buffer): boolean =>
    this.skipKeys.some((k) => k.equals(key)) || (key.length > CANARY_PREFIX.length && key.subarray(0, CANARY_PREFIX.length).toString() === CANARY_PREFIX);

  startCompare(req: CompareRequest): { id: string } {
    const { topology } = this.topology.snapshot();
    const replica = this.topology.canonical(req.replica);
    const node = topology.nodes.find((n) => n.id === replica);
    if (!node) throw new CheckError('not_found', `node ${req.replica} is not in the topology`);
    if (!topology.links.some((l) => l.replica === replica)) throw new CheckError('conflict', `${replica} is not a replica; compare a replica with its master`);
    const master = rootMasterOf(topology, replica);
    if (!master) throw new CheckError('conflict', `no master found above ${replica} (chain broken or a replication cycle)`);
    if (!node.reachable) throw new CheckError('conflict', `${replica} does not answer right now`);
    for (const e of this.runs.values())
      if (e.run.kind === 'compare' && e.run.state === 'running' && e.run.params.replica === replica)
        throw new CheckError('conflict', `a comparison of ${replica} is already running (${e.run.id})`);
    const id = newId();
    const params = { master, replica, mode: req.mode, sampleSize: req.sampleSize ?? this.settings.sampleSize };
    const controller = new AbortController();
    const io = { master: this.open(master), replica: this.open(replica), ping: this.open(master, 1000) };
    const engine = new CompareEngine(params, io, this.settings, {
      signal: controller.signal,
      skip: this.skip,
      onProgress: (progress) => this.progress(id, progress),
    });
    const run: CheckRun = { id, kind: 'compare', state: 'running', startedAt: Date.now(), progress: engine.progress(), params, report: engine.report.report() };
    const work = async () => {
      await Promise.all([connect(io.master), connect(io.replica), connect(io.ping)]);
      await engine.run();
    };
    this.track(run, controller, work().finally(() => Object.values(io).forEach((c) => c.disconnect())), engine);
    log.info({ id, master, replica, mode: params.mode }, 'comparison started');
    return { id };
  }

  startCanary(req: CanaryRequest): { id: string } {
    const { topology } = this.topology.snapshot();
    const masters = req.master ? [this.topology.canonical(req.master)] : mastersWithReplicas(topology);
    for (const m of masters) {
      if (!topology.nodes.some((n) => n.id === m && n.role === 'master')) throw new CheckError('not_found', `${m} is not a master in the topology`);
    }
    const plan = masters.map((master) => ({ master, replicas: subtreeOf(topology, master) })).filter((p) => p.replicas.length);
    if (!plan.length) throw new CheckError('conflict', 'no master with replicas to send a canary through');
    for (const e of this.runs.values())
      if (e.run.kind === 'canary' && e.run.state === 'running') throw new CheckError('conflict', `a canary check is already running (${e.run.id})`);
    const id = newId();
    const timeoutMs = req.timeoutMs ?? this.settings.canaryTimeoutMs;
    const controller = new AbortController();
    const total = plan.reduce((n, p) => n + p.replicas.length, 0);
    const run: CheckRun = {
      id,
      kind: 'canary',
      state: 'running',
      startedAt: Date.now(),
      progress: { done: 0, total, rate: 0, etaMs: timeoutMs },
      params: { masters: plan.map((p) => p.master), timeoutMs },
      report: { masters: plan.map((p) => p.master), key: `${CANARY_PREFIX}${id}`, timeoutMs, replicas: [], failed: 0 },
    };
    const work = async () => {
      run.report = await runCanary({
        id,
        masters: plan,
        timeoutMs,
        open: (node) => this.open(node, Math.min(timeoutMs, this.settings.commandTimeoutMs)),
        signal: controller.signal,
        onReplicaDone: (done) => this.progress(id, { done, total, rate: 0, etaMs: null }),
      });
      if (controller.signal.aborted) throw new CancelledError('cancelled');
    };
    this.track(run, controller, work());
    return { id };
  }

  get(id: string): CheckRun | null {
    const e = this.runs.get(id);
    if (!e) return this.store?.get(id) ?? null;
    if (e.engine && e.run.kind === 'compare' && e.run.state === 'running') {
      e.run.report = e.engine.report.report();
      e.run.progress = e.engine.progress();
    }
    return structuredClone(e.run);
  }

  /** Newest first. */
  list(limit = 50): CheckSummary[] {
    const live = [...this.runs.keys()].flatMap((id) => this.get(id) ?? []);
    const stored = this.store?.list(limit).filter((r) => !this.runs.has(r.id)) ?? [];
    return [...live, ...stored]
      .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map(summary);
  }

  cancel(id: string): 'cancelled' | 'not_found' | 'finished' {
    const e = this.runs.get(id);
    if (!e) return this.store?.get(id) ? 'finished' : 'not_found';
    if (e.run.state !== 'running') return 'finished';
    e.controller.abort();
    return 'cancelled';
  }

  /** Resolves once the run has ended (any state); for tests and shutdown. */
  async settled(id: string): Promise<void> {
    await this.runs.get(id)?.finished;
  }

  /** The seed's periodic consistency check (§5.2), done right: a canary every canaryEveryMs. */
  start(): void {
    const every = this.settings.canaryEveryMs;
    if (!every || this.canaryTimer) return;
    this.canaryTimer = setInterval(() => {
      try {
        this.startCanary({});
      } catch (err) {
        // Nothing to check (no reachable master with replicas) or one still running: next time.
        log.debug({ err }, 'scheduled canary skipped');
      }
    }, every);
    this.canaryTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.canaryTimer) clearInterval(this.canaryTimer);
    this.canaryTimer = null;
    for (const e of this.runs.values()) if (e.run.state === 'running') e.controller.abort();
    await Promise.all([...this.runs.values()].map((e) => e.finished));
  }

  private open(id: string, commandTimeoutMs = this.settings.commandTimeoutMs): Redis {
    return openConnection(id, this.credentials.credentialsFor(id), { commandTimeoutMs, name: 'replicaops-check' });
  }

  private track(run: CheckRun, controller: AbortController, work: Promise<void>, engine?: CompareEngine): void {
    const entry: Entry = { run, controller, engine, finished: Promise.resolve() };
    entry.finished = work.then(
      () => this.finish(entry, 'done'),
      (err: unknown) => {
        if (controller.signal.aborted || err instanceof CancelledError) return this.finish(entry, 'cancelled');
        log.warn({ id: run.id, err: errorText(err) }, 'check failed');
        this.finish(entry, 'failed', errorText(err));
      },
    );
    this.runs.set(run.id, entry);
    this.prune();
  }

  private finish(entry: Entry, state: 'done' | 'cancelled' | 'failed', error?: string): void {
    const { run, engine } = entry;
    if (engine && run.kind === 'compare') {
      run.report = engine.report.report();
      run.progress = engine.progress();
    }
    run.state = state;
    run.finishedAt = Date.now();
    if (error) run.error = error;
    if (state === 'done' && run.kind === 'canary') run.progress = { ...run.progress, done: run.progress.total, etaMs: 0 };
    log.info({ id: run.id, kind: run.kind, state, ms: run.finishedAt - run.startedAt }, 'check finished');
    this.persist(run);
    this.emit('done', structuredClone(run));
    this.prune();
  }

  private progress(id: string, progress: CheckRun['progress']): void {
    const e = this.runs.get(id);
    if (!e || e.run.state !== 'running') return;
    e.run.progress = progress;
    this.emit('progress', { id, kind: e.run.kind, state: e.run.state, progress });
  }

  /** A finished run goes to the store; a store that fails keeps it in memory instead (logged). */
  private persist(run: CheckRun): void {
    if (!this.store) return;
    try {
      this.store.save(run);
      this.store.prune(this.settings.historySize);
      this.runs.delete(run.id);
    } catch (err) {
      log.error({ id: run.id, err: errorText(err) }, 'could not save the check run; kept in memory');
    }
  }

  /** Drops the oldest in-memory finished runs beyond `historySize`; running ones are always kept. */
  private prune(): void {
    const finished = [...this.runs.values()].filter((e) => e.run.state !== 'running');
    for (const e of finished.slice(0, Math.max(0, finished.length - this.settings.historySize))) this.runs.delete(e.run.id);
  }
}

const newId = () => `chk-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

function summary(run: CheckRun): CheckSummary {
  const base = { id: run.id, kind: run.kind, state: run.state, startedAt: run.startedAt, progress: run.progress };
  const extra = { ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}), ...(run.error ? { error: run.error } : {}) };
  if (run.kind === 'compare') return { ...base, ...extra, nodes: [run.params.replica, run.params.master], counts: { ...run.report.counts } };
  return { ...base, ...extra, nodes: run.params.masters, counts: { failed: run.report.failed, replicas: run.report.replicas.length } };
}
