// The monitor's connections, one per node id, created on first use and closed when a node is
// forgotten. Credentials: per-node config, else what the seed URL carried, else the defaults.
import type { Config, NodeCredentials } from '../config';
import { logger } from '../logger';
import { NodeClient } from './node-client';
import { parseNodeId, parseSeedUrl, type SeedSpec } from './redis-url';

const log = logger('redis');

export class NodePool {
  private readonly clients = new Map<string, NodeClient>();
  private readonly seedCredentials = new Map<string, NodeCredentials>();
  readonly seeds: SeedSpec[];

  /** Set by the monitor: a node's established connection closed. */
  onNodeLost: (id: string) => void = () => undefined;

  constructor(private readonly config: Config) {
    this.seeds = config.topology.seeds.map(parseSeedUrl);
    for (const s of this.seeds) this.seedCredentials.set(s.id, s.credentials);
  }

  credentialsFor(id: string): NodeCredentials {
    const { defaults, nodes } = this.config.topology;
    // A discovered node with no entry of its own uses the seeds' credentials: one replication
    // group almost always shares one password.
    const seedFallback = this.seeds[0]?.credentials ?? {};
    const layers = [defaults, seedFallback, this.seedCredentials.get(id) ?? {}, nodes[id] ?? {}];
    const merged: NodeCredentials = Object.assign({}, ...layers);
    // `rediss://` in a seed says only "TLS on": it must not drop the CA file or server name a
    // config layer gave. The most specific TLS object wins; `tls: false` still turns it off.
    const tlsObject = layers.map((l) => l.tls).filter((t) => typeof t === 'object').at(-1);
    if (merged.tls === true && tlsObject) merged.tls = tlsObject;
    return merged;
  }

  get(id: string): NodeClient {
    let c = this.clients.get(id);
    if (!c) {
      const { host, port } = parseNodeId(id);
      const { poll } = this.config;
      c = new NodeClient({
        host,
        port,
        credentials: this.credentialsFor(id),
        connectTimeoutMs: poll.connectTimeoutMs,
        commandTimeoutMs: poll.commandTimeoutMs,
        maxBackoffMs: Math.max(1000, Math.min(5000, poll.intervalMs * 2)),
        log,
        onLost: () => this.onNodeLost(id),
      });
      this.clients.set(id, c);
    }
    return c;
  }

  has(id: string): boolean {
    return this.clients.has(id);
  }

  release(id: string): void {
    this.clients.get(id)?.close();
    this.clients.delete(id);
  }

  closeAll(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
