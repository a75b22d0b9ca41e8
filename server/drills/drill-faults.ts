// Turns a scenario's fault, repair and write specs into sandbox operations, and remembers what
// is still broken so the drill can put it back (always, even after an error).
import type { FaultSpec, FaultType, RepairSpec, WriteSpec } from '../../lib/drills/scenario-types';
import {
  assertSandbox,
  changeMasterPassword,
  killMaster,
  once,
  outputBufferLoop,
  overflowBacklog,
  partitionLink,
  replaceReplica,
  slowLink,
  writableReplica,
  type InjectedFault,
  type PasswordFault,
} from '../sandbox/faults';
import type { Sandbox, SandboxSentinels } from '../sandbox';
import type { DrillTargets } from './drill-sandbox';
import { CANARY_PREFIX, configGet, configSet, sleep, takeBackup, type Backup } from './redis-steps';
import { UndoLedger } from './undo-ledger';

/** Redis' own default save points: what "turn persistence on" sets. */
const DEFAULT_SAVE = '3600 1 300 100 60 10000';

/** An injected fault; `kind` is free text here (turning persistence off has no FaultKind). */
type DrillFault = Omit<InjectedFault, 'kind'> & { kind: string };

export class DrillFaults {
  /** Active faults, and settings the repairs changed: put back by cleanup() so a shared sandbox ends as it began. */
  private readonly undo = new UndoLedger();
  private backup: Backup | undefined;
  private password: PasswordFault | undefined;
  /** The divergent key a writable-replica fault wrote (checked by `divergence_gone`). */
  divergentKey: string | undefined;
  /** How many canary keys were written (checked by `canary`). */
  canaryKeys = 0;

  constructor(
    private readonly sb: Sandbox,
    private readonly targets: DrillTargets,
    /** The Sentinels of a Sentinel drill (kill_sentinels). */
    private readonly sentinels?: SandboxSentinels,
  ) {}

  /** Injects one fault; returns its detail for the step's record. */
  async inject(spec: FaultSpec): Promise<string> {
    assertSandbox(this.sb);
    const fault = await this.injectOne(spec);
    this.undo.fault(spec.type, async () => fault.undo?.());
    if (spec.type === 'writable_replica') this.divergentKey = String(fault.detail.key);
    const detail = Object.entries(fault.detail).map(([k, v]) => `${k}=${v}`);
    return [`${fault.kind} on ${fault.nodes.join(', ')}`, ...detail].join(' ');
  }

  private async injectOne(spec: FaultSpec): Promise<DrillFault> {
    const { sb } = this;
    const { master, replica } = this.targets;
    switch (spec.type) {
      case 'partition':
        return partitionLink(sb, replica.name, spec.mode);
      case 'latency':
        return slowLink(sb, replica.name, spec.ms);
      case 'kill_master':
        return killMaster(sb, { node: master.name, signal: spec.signal, wipe: spec.wipe });
      case 'kill_replica':
        // The faults module replaces a replica in one go; a hardware failure is first of all
        // a dead process, and the replacement is the operator's repair.
        await sb.kill(replica.name, 'SIGKILL');
        return {
          kind: 'kill_replica',
          nodes: [replica.name],
          detail: { signal: 'SIGKILL' },
          undo: once(async () => void (await replaceReplica(sb, replica.name))),
        };
      case 'password_change':
        return this.changePassword();
      case 'backlog_overflow':
        return overflowBacklog(sb, replica.name, { fillBytes: spec.fillBytes });
      case 'output_buffer_loop':
        return outputBufferLoop(sb, replica.name);
      case 'writable_replica':
        return writableReplica(sb, replica.name);
      case 'persistence_off':
        return this.persistenceOff();
      case 'kill_sentinels':
        return this.killSentinels(spec.count);
      default:
        throw new Error(`${spec.type} needs a Redis Cluster sandbox`);
    }
  }

  /** The last `count` Sentinels (the first is the dashboard's seed); undo restarts them. */
  private async killSentinels(count: number): Promise<DrillFault> {
    const set = this.sentinels;
    if (!set)
      throw new Error('this sandbox has no Sentinels (the scenario needs sandbox.sentinels)');
    const victims = set.sentinels.slice(-count);
    for (const s of victims) await set.kill(s.index);
    return {
      kind: 'kill_sentinels',
      nodes: victims.map((s) => s.id),
      detail: { signal: 'SIGKILL', left: set.sentinels.length - victims.length },
      undo: once(async () => {
        for (const s of victims) if (!s.running) await set.launch(s.index);
      }),
    };
  }

  /** Also notes each replica's masterauth: an operator who fixed it by hand left a new one. */
  private async changePassword(): Promise<PasswordFault> {
    const replicas = this.targets.replicas.filter((r) => r.upstream === this.targets.master.name);
    const before = new Map<string, string>();
    for (const r of replicas)
      before.set(r.name, await configGet(await this.sb.client(r.name), 'masterauth'));
    this.undo.restoreLater(async () => {
      for (const [name, value] of before)
        await configSet(await this.sb.client(name), 'masterauth', value);
    });
    this.password = await changeMasterPassword(this.sb, { node: this.targets.master.name });
    return this.password;
  }

  private async persistenceOff(): Promise<DrillFault> {
    const client = await this.sb.client(this.targets.master.name);
    const saved = {
      save: await configGet(client, 'save'),
      aof: await configGet(client, 'appendonly'),
    };
    await configSet(client, 'save', '');
    await configSet(client, 'appendonly', 'no');
    return {
      kind: 'persistence_off',
      nodes: [this.targets.master.name],
      detail: { save: '""', appendonly: 'no' },
      undo: once(async () => {
        const c = await this.sb.client(this.targets.master.name);
        await configSet(c, 'save', saved.save);
        await configSet(c, 'appendonly', saved.aof);
      }),
    };
  }

  /** Undoes the newest active fault of `type`, or every active fault, newest first. */
  remove(type?: FaultType): Promise<string> {
    return this.undo.remove(type);
  }

  async repair(spec: RepairSpec): Promise<string> {
    const { sb } = this;
    const { master, replica } = this.targets;
    switch (spec.type) {
      case 'adopt_password': {
        const pw = this.password;
        if (!pw) return 'no password change to adopt';
        await pw.adoptOnReplicas();
        return 'masterauth set to the new password on the replicas';
      }
      case 'replace_replica':
      case 'resync_replica':
        // Both faults' undo starts the replica again empty and read-only: a full sync.
        return this.remove(spec.type === 'replace_replica' ? 'kill_replica' : 'writable_replica');
      case 'restore_backup':
        return this.restoreBackup();
      case 'grow_backlog': {
        const client = await sb.client(replica.upstream ?? master.name);
        const previous = await configGet(client, 'repl-backlog-size');
        await configSet(client, 'repl-backlog-size', String(spec.bytes));
        this.undo.restoreLater(async () =>
          configSet(
            await sb.client(replica.upstream ?? master.name),
            'repl-backlog-size',
            previous,
          ),
        );
        return `repl-backlog-size ${previous} → ${spec.bytes}`;
      }
    }
  }

  private async restoreBackup(): Promise<string> {
    const client = await this.sb.client(this.targets.master.name);
    if (this.backup) await this.backup.restore(client);
    await configSet(client, 'save', DEFAULT_SAVE);
    return `restored ${this.backup?.size ?? 0} keys onto the master; save "${DEFAULT_SAVE}"`;
  }

  async write(spec: WriteSpec): Promise<string> {
    const client = await this.sb.client(this.targets.master.name);
    switch (spec.type) {
      case 'canary': {
        const pipeline = client.pipeline();
        for (let i = 0; i < spec.keys; i++) pipeline.set(`${CANARY_PREFIX}${i}`, `canary ${i}`);
        await pipeline.exec();
        this.canaryKeys = spec.keys;
        return `${spec.keys} keys under ${CANARY_PREFIX}*`;
      }
      case 'backup':
        this.backup = await takeBackup(client, spec.maxKeys);
        return `${this.backup.size} keys dumped`;
      case 'checkpoint': {
        const aof = /aof_enabled:1/.test(await client.info('persistence'));
        if (aof) await sleep(1_500);
        else await client.call('SAVE');
        return aof ? 'waited for the AOF fsync (everysec)' : 'SAVE done';
      }
    }
  }

  /** Puts back every fault still active and every setting a repair changed. */
  cleanup(): Promise<string[]> {
    return this.undo.cleanup();
  }
}
