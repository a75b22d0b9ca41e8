// `sentinel://[user:pass@]host:port[,host:port…]/<masterName>[,<masterName>…]` → the Sentinels
// to ask and the master names to follow (none: every master they monitor). `sentinels://` is
// the same over TLS (as `rediss://` is to `redis://`).
import { nodeIdOf } from '../../lib/sentinel/node-id';

export interface SentinelSeed {
  addresses: Array<{ host: string; port: number; id: string }>;
  /** Empty: every master the Sentinels monitor. */
  masterNames: string[];
  username?: string;
  password?: string;
  /** `sentinels://`: TLS on (the CA and server name come from `topology.sentinelTls`). */
  tls?: true;
}

const SHAPE = /^sentinel(s?):\/\/(?:([^@/]*)@)?([^/@]+)(?:\/(.*))?$/;
const DEFAULT_PORT = 26379;

function address(part: string): { host: string; port: number; id: string } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(part.trim());
  if (!m?.[1]) throw new Error(`"${part}" is not host:port`);
  const host = m[1].replace(/^\[(.*)\]$/, '$1');
  const port = m[2] === undefined ? DEFAULT_PORT : Number(m[2]);
  if (port < 1 || port > 65535) throw new Error(`port ${port} is out of range`);
  return { host, port, id: nodeIdOf(host, port) };
}

/** Throws an Error whose message says what is wrong (the config loader prefixes the field). */
export function parseSentinelSeed(url: string): SentinelSeed {
  const m = SHAPE.exec(url.trim());
  if (!m) throw new Error('expected sentinel://[user:pass@]host:port[,host:port…]/<masterName> (or sentinels:// for TLS)');
  const [, secure, auth, hosts, path] = m;
  const addresses = (hosts ?? '').split(',').filter((h) => h.trim()).map(address);
  if (!addresses.length) throw new Error('a sentinel:// seed needs at least one host:port');
  const masterNames = (path ?? '')
    .split(',')
    .map((n) => decodeURIComponent(n.trim()))
    .filter(Boolean);
  for (const n of masterNames) if (/\s/.test(n)) throw new Error(`master name "${n}" contains spaces`);
  const seed: SentinelSeed = { addresses, masterNames, ...(secure ? { tls: true as const } : {}) };
  if (auth) {
    const colon = auth.indexOf(':');
    const user = decodeURIComponent(colon < 0 ? auth : auth.slice(0, colon));
    const pass = colon < 0 ? '' : decodeURIComponent(auth.slice(colon + 1));
    if (user) seed.username = user;
    if (pass) seed.password = pass;
  }
  return seed;
}

export function isSentinelUrl(url: string): boolean {
  return /^sentinels?:\/\//.test(url.trim());
}

/**
 * REPLICAOPS_SEEDS is comma-separated, but a sentinel:// seed has commas of its own: a piece
 * without a scheme continues the piece before it.
 */
export function splitSeedList(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const piece = raw.trim();
    if (!piece) continue;
    const last = out.length - 1;
    const prev = out[last];
    if (!/^[a-z]+:\/\//i.test(piece) && prev !== undefined && isSentinelUrl(prev)) out[last] = `${prev},${piece}`;
    else out.push(piece);
  }
  return out;
}
