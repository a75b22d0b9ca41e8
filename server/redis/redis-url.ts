import type { NodeCredentials } from '../config';

export interface NodeAddress {
  host: string;
  port: number;
}

export interface SeedSpec extends NodeAddress {
  id: string;
  credentials: NodeCredentials;
}

/** Node id `host:port`; IPv6 hosts get brackets so the id splits unambiguously. */
export function nodeId(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function parseNodeId(id: string): NodeAddress {
  const at = id.lastIndexOf(':');
  const host = id.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(id.slice(at + 1)) };
}

/** `redis://[user:pass@]host:port` → address and the credentials it carries. */
export function parseSeedUrl(url: string): SeedSpec {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = u.port ? Number(u.port) : 6379;
  const credentials: NodeCredentials = {};
  if (u.username) credentials.username = decodeURIComponent(u.username);
  if (u.password) credentials.password = decodeURIComponent(u.password);
  if (u.protocol === 'rediss:') credentials.tls = true;
  return { host, port, id: nodeId(host, port), credentials };
}
