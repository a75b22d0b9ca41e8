// One Sentinel: a command connection for the poll (SENTINEL MASTERS/REPLICAS/SENTINELS,
// CKQUORUM, INFO sentinel) and a subscriber connection on `PSUBSCRIBE *`. Both reconnect on
// their own; ioredis re-subscribes after every reconnect. A dead Sentinel never queues commands.
import Redis from 'ioredis';
import { classifyConnectionError } from '../redis/connection-error';
import { linkOptions, type LinkOptions } from '../redis/connection-options';
import { isTilted, parseInstances, parseMasters, type InstanceRecord, type MasterRecord } from '../../lib/sentinel/sentinel-replies';

export interface SentinelLinkOptions extends LinkOptions {
  onMessage: (channel: string, message: string) => void;
}

export type SentinelPoll =
  | {
      ok: true;
      masters: MasterRecord[];
      replicas: Record<string, InstanceRecord[]>;
      peers: Record<string, InstanceRecord[]>;
      ckquorum: Record<string, { ok: boolean; message: string }>;
      tilt: boolean;
    }
  | { ok: false; error: string };

const errorText = (err: unknown) => classifyConnectionError(err).message;

export class SentinelLink {
  private readonly cmd: Redis;
  private readonly sub: Redis;
  private lastError: string | null = null;
  readonly id: string;

  constructor(private readonly opts: SentinelLinkOptions) {
    this.id = `${opts.host}:${opts.port}`;
    // The one options builder of every Redis connection: credentials, TLS, timeouts, fail-fast.
    const base = linkOptions(opts, 'replicaops');
    this.cmd = new Redis(base);
    // The subscription waits for the connection (offline queue on) and is renewed after
    // every reconnect (autoResubscribe), so a restarted Sentinel is heard again.
    this.sub = new Redis({ ...base, connectionName: 'replicaops-events', commandTimeout: undefined, enableOfflineQueue: true, autoResubscribe: true, maxRetriesPerRequest: null });
    this.cmd.on('error', (err) => this.noteError(err));
    this.sub.on('error', (err) => this.noteError(err));
    this.sub.on('pmessage', (_pattern: string, channel: string, message: string) => opts.onMessage(channel, message));
    this.sub.on('ready', () => opts.log.debug({ sentinel: this.id }, 'sentinel event subscription ready'));
    this.cmd.connect().catch((err: unknown) => this.noteError(err));
    this.sub.psubscribe('*').catch((err: unknown) => this.noteError(err));
  }

  private noteError(err: unknown): void {
    const text = errorText(err);
    if (text !== this.lastError) this.opts.log.debug({ sentinel: this.id, err: text }, 'sentinel connection error');
    this.lastError = text;
  }

  /** One round of questions; `names` null: every master it monitors. Never rejects. */
  async poll(names: readonly string[] | null): Promise<SentinelPoll> {
    // Not connected: the connection's own last error (refused, TLS, auth) says why, not the
    // "offline queue is off" refusal a command would get.
    if (this.cmd.status !== 'ready') return { ok: false, error: this.lastError ?? `not connected (${this.cmd.status})` };
    try {
      const [mastersReply, info] = await Promise.all([
        this.cmd.call('SENTINEL', 'MASTERS'),
        this.cmd.call('INFO', 'sentinel').then(String, () => ''),
      ]);
      const masters = parseMasters(mastersReply).filter((m) => !names || names.includes(m.name));
      const replicas: Record<string, InstanceRecord[]> = {};
      const peers: Record<string, InstanceRecord[]> = {};
      const ckquorum: Record<string, { ok: boolean; message: string }> = {};
      await Promise.all(
        masters.map(async (m) => {
          const [r, p, q] = await Promise.all([
            this.cmd.call('SENTINEL', 'REPLICAS', m.name),
            this.cmd.call('SENTINEL', 'SENTINELS', m.name),
            this.cmd.call('SENTINEL', 'CKQUORUM', m.name).then(
              (ok) => ({ ok: true, message: String(ok) }),
              (err: unknown) => ({ ok: false, message: err instanceof Error ? err.message : String(err) }),
            ),
          ]);
          replicas[m.name] = parseInstances(r);
          peers[m.name] = parseInstances(p);
          ckquorum[m.name] = q;
        }),
      );
      this.lastError = null;
      return { ok: true, masters, replicas, peers, ckquorum, tilt: isTilted(info) };
    } catch (err) {
      this.noteError(err);
      return { ok: false, error: this.lastError ?? errorText(err) };
    }
  }

  /** A command for repairs (SENTINEL FAILOVER <name>); rejects with Sentinel's own error. */
  command(...args: string[]): Promise<unknown> {
    const [name, ...rest] = args;
    if (!name) return Promise.reject(new Error('empty Sentinel command'));
    return this.cmd.call(name, ...rest);
  }

  close(): void {
    this.cmd.disconnect();
    this.sub.disconnect();
  }
}
