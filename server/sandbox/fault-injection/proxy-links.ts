// The sandbox's fault proxies, one per replica→upstream link, keyed by the replica's name.
import { FaultProxy } from '../fault-proxy';
import type { SandboxNode, UpstreamAddress } from '../types';

export class ProxyLinks {
  private readonly proxies = new Map<string, FaultProxy>();

  /** Starts the proxy for `replica` and returns the address its `replicaof` should use. */
  async create(replica: string, upstream: SandboxNode): Promise<UpstreamAddress> {
    const proxy = await FaultProxy.start({
      upstream: { host: upstream.host, port: upstream.port },
      host: upstream.host,
      name: `${replica}→${upstream.name}`,
    });
    this.proxies.set(replica, proxy);
    return proxy.address;
  }

  get(replica: string): FaultProxy | undefined {
    return this.proxies.get(replica);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.proxies.values()].map((p) => p.close()));
    this.proxies.clear();
  }
}
