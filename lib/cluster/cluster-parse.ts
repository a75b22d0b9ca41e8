// Parsers of Redis Cluster replies: CLUSTER SHARDS (7.0+, the RESP array as ioredis returns it),
// CLUSTER NODES (text; the fallback for older servers and the source of flags and epochs) and
// CLUSTER INFO. Pure.
import { z } from 'zod';
import type { ClusterFlag, SlotRange } from '../contracts';

export class ClusterParseError extends Error {}

export interface ClusterNodeLine {
  nodeId: string;
  /** '' for a node known without an address (`noaddr`, `:0@0`). */
  host: string;
  port: number;
  busPort: number;
  myself: boolean;
  role: 'primary' | 'replica' | 'unknown';
  primaryNodeId?: string;
  flags: ClusterFlag[];
  pingSentMs: number;
  pongRecvMs: number;
  configEpoch: number;
  linkState: 'connected' | 'disconnected';
  /** Served slots; migrating/importing markers (`[slot->-id]`) are left out. */
  slots: SlotRange[];
}

export interface ShardNodeReading {
  nodeId: string;
  host: string;
  port: number;
  role: 'primary' | 'replica';
  replicationOffset?: number;
  health: string;
}

export interface ShardReading {
  /** `shard-id` when the server sends one. */
  shardId?: string;
  slots: SlotRange[];
  nodes: ShardNodeReading[];
}

export interface ClusterInfoReading {
  state: 'ok' | 'fail' | 'unknown';
  slotsAssigned: number;
  slotsOk: number;
  slotsPfail: number;
  slotsFail: number;
  knownNodes: number;
  size: number;
  currentEpoch: number;
  myEpoch: number;
}

const FLAG_MAP: Record<string, ClusterFlag> = { 'fail?': 'pfail', fail: 'fail', handshake: 'handshake', noaddr: 'noaddr', nofailover: 'nofailover' };

/** `ip:port@cport[,hostname]`; IPv6 addresses keep their colons (the port is after the last one). */
function parseAddress(field: string): { host: string; port: number; busPort: number } {
  const [addr = '', bus = '0'] = field.split(',')[0]!.split('@');
  const colon = addr.lastIndexOf(':');
  const host = colon > 0 ? addr.slice(0, colon) : '';
  return { host, port: Number(addr.slice(colon + 1)) || 0, busPort: Number(bus) || 0 };
}

function parseSlotToken(token: string): SlotRange | null {
  if (token.startsWith('[')) return null; // migrating/importing marker, not served
  const [a, b] = token.split('-');
  const from = Number(a);
  const to = b === undefined ? from : Number(b);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 16383 || from > to) return null;
  return [from, to];
}

/** One CLUSTER NODES line per node; blank lines are skipped, a malformed line is an error. */
export function parseClusterNodes(text: string): ClusterNodeLine[] {
  const out: ClusterNodeLine[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const f = line.split(/\s+/);
    if (f.length < 8) throw new ClusterParseError(`CLUSTER NODES line has ${f.length} fields, expected at least 8: ${line.slice(0, 80)}`);
    // Eight fields checked above; the defaults only satisfy the index check.
    const [nodeId = '', address = '', flagField = '', primary = '', ping = '', pong = '', epoch = '', link = ''] = f;
    const flagWords = flagField.split(',');
    const role = flagWords.includes('master') ? 'primary' : flagWords.includes('slave') ? 'replica' : 'unknown';
    out.push({
      nodeId,
      ...parseAddress(address),
      myself: flagWords.includes('myself'),
      role,
      ...(primary !== '-' ? { primaryNodeId: primary } : {}),
      flags: flagWords.flatMap((w) => FLAG_MAP[w] ?? []),
      pingSentMs: Number(ping) || 0,
      pongRecvMs: Number(pong) || 0,
      configEpoch: Number(epoch) || 0,
      linkState: link === 'connected' ? 'connected' : 'disconnected',
      // A range is itself an array: wrap it so flatMap drops only the nulls.
      slots: f.slice(8).flatMap((t) => {
        const r = parseSlotToken(t);
        return r ? [r] : [];
      }),
    });
  }
  return out;
}

const ScalarSchema = z.union([z.string(), z.number()]);
const PairsSchema = z.array(z.unknown());

/** A flat `[key, value, key, value…]` RESP array (or a RESP3 map) as a record. */
function pairs(value: unknown, what: string): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.fromEntries(Object.entries(value));
  const parsed = PairsSchema.safeParse(value);
  if (!parsed.success || parsed.data.length % 2) throw new ClusterParseError(`${what}: expected key/value pairs`);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < parsed.data.length; i += 2) out[String(parsed.data[i])] = parsed.data[i + 1];
  return out;
}

function scalar(record: Record<string, unknown>, key: string): string | undefined {
  const v = ScalarSchema.safeParse(record[key]);
  return v.success ? String(v.data) : undefined;
}

function shardSlots(value: unknown): SlotRange[] {
  const list = z.array(ScalarSchema).safeParse(value ?? []);
  if (!list.success || list.data.length % 2) throw new ClusterParseError('CLUSTER SHARDS: slots must be pairs of numbers');
  const out: SlotRange[] = [];
  for (let i = 0; i < list.data.length; i += 2) {
    const r = parseSlotToken(`${list.data[i]}-${list.data[i + 1]}`);
    if (!r) throw new ClusterParseError(`CLUSTER SHARDS: bad slot range ${list.data[i]}-${list.data[i + 1]}`);
    out.push(r);
  }
  return out;
}

/** CLUSTER SHARDS: `[[ "slots", [from, to, …], "nodes", [[ "id", …, "health", … ], …] ], …]`. */
export function parseClusterShards(reply: unknown): ShardReading[] {
  const shards = z.array(z.unknown()).safeParse(reply);
  if (!shards.success) throw new ClusterParseError('CLUSTER SHARDS: expected an array of shards');
  return shards.data.map((entry, i) => {
    const shard = pairs(entry, `CLUSTER SHARDS shard ${i}`);
    const nodes = z.array(z.unknown()).safeParse(shard.nodes ?? []);
    if (!nodes.success) throw new ClusterParseError(`CLUSTER SHARDS shard ${i}: nodes must be an array`);
    const shardId = scalar(shard, 'shard-id');
    return {
      ...(shardId ? { shardId } : {}),
      slots: shardSlots(shard.slots),
      nodes: nodes.data.map((n, j) => {
        const node = pairs(n, `CLUSTER SHARDS shard ${i} node ${j}`);
        const nodeId = scalar(node, 'id');
        if (!nodeId) throw new ClusterParseError(`CLUSTER SHARDS shard ${i} node ${j}: no id`);
        const ip = scalar(node, 'ip') ?? '';
        const endpoint = scalar(node, 'endpoint');
        const offset = Number(scalar(node, 'replication-offset'));
        return {
          nodeId,
          // `endpoint` is what clients are told to use ('?' when unknown); the ip otherwise.
          host: endpoint && endpoint !== '?' ? endpoint : ip,
          port: Number(scalar(node, 'port') ?? scalar(node, 'tls-port') ?? 0),
          role: scalar(node, 'role') === 'master' ? 'primary' : 'replica',
          ...(Number.isFinite(offset) ? { replicationOffset: offset } : {}),
          health: scalar(node, 'health') ?? 'unknown',
        } satisfies ShardNodeReading;
      }),
    };
  });
}

/** Shards as CLUSTER SHARDS would list them, from CLUSTER NODES (servers before 7.0). */
export function shardsFromNodes(lines: ClusterNodeLine[]): ShardReading[] {
  const health = (l: ClusterNodeLine) => (l.flags.includes('fail') ? 'fail' : 'unknown');
  const toNode = (l: ClusterNodeLine, role: 'primary' | 'replica'): ShardNodeReading => ({ nodeId: l.nodeId, host: l.host, port: l.port, role, health: health(l) });
  const shards = lines
    .filter((l) => l.role === 'primary')
    .map((p) => ({ slots: p.slots, nodes: [toNode(p, 'primary'), ...lines.filter((r) => r.role === 'replica' && r.primaryNodeId === p.nodeId).map((r) => toNode(r, 'replica'))] }));
  // A replica whose primary is not listed still belongs somewhere: its own slotless shard.
  const placed = new Set(shards.flatMap((s) => s.nodes.map((n) => n.nodeId)));
  for (const l of lines) if (!placed.has(l.nodeId)) shards.push({ slots: [], nodes: [toNode(l, l.role === 'replica' ? 'replica' : 'primary')] });
  return shards;
}

export function parseClusterInfo(text: string): ClusterInfoReading {
  const f = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) f.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  const n = (k: string) => Number(f.get(k) ?? 0) || 0;
  const state = f.get('cluster_state');
  return {
    state: state === 'ok' || state === 'fail' ? state : 'unknown',
    slotsAssigned: n('cluster_slots_assigned'),
    slotsOk: n('cluster_slots_ok'),
    slotsPfail: n('cluster_slots_pfail'),
    slotsFail: n('cluster_slots_fail'),
    knownNodes: n('cluster_known_nodes'),
    size: n('cluster_size'),
    currentEpoch: n('cluster_current_epoch'),
    myEpoch: n('cluster_my_epoch'),
  };
}

/** `host:port` id as the monitor uses it; null without an address. */
export function memberAddress(host: string, port: number): string | null {
  if (!host || !port) return null;
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function slotCount(ranges: SlotRange[]): number {
  return ranges.reduce((sum, [a, b]) => sum + (b - a + 1), 0);
}
