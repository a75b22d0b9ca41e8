// Parses the text of `INFO [section …]` into raw sections plus a typed replication view.
// It runs every second for every node, so it walks lines with indexOf/slice, never a regex
// per field, and it never throws: a broken line is reported in `malformed` and skipped.
import { toFlag, toNumber } from './info-numbers';
import { bareRecord, isHostileName } from './safe-record';
import type { KeyspaceEntry, ParsedInfo, ReplicaEntry, ReplicationInfo } from './info-types';

type TypedField = Exclude<keyof ReplicationInfo, 'replicas' | 'unknown'>;
type FieldKind = 'num' | 'flag' | 'text' | 'role' | 'link';

/**
 * How each typed `# Replication` field is read. Typed as a Record over the interface's keys so
 * adding a field to ReplicationInfo without teaching the parser fails to compile.
 */
export const REPLICATION_FIELD_KINDS: Record<TypedField, FieldKind> = {
  role: 'role',
  connected_slaves: 'num',
  min_slaves_good_slaves: 'num',
  master_failover_state: 'text',
  master_replid: 'text',
  master_replid2: 'text',
  master_repl_offset: 'num',
  second_repl_offset: 'num',
  repl_backlog_active: 'flag',
  repl_backlog_size: 'num',
  repl_backlog_first_byte_offset: 'num',
  repl_backlog_histlen: 'num',
  master_host: 'text',
  master_port: 'num',
  master_link_status: 'link',
  master_last_io_seconds_ago: 'num',
  master_sync_in_progress: 'flag',
  slave_read_repl_offset: 'num',
  slave_repl_offset: 'num',
  master_sync_total_bytes: 'num',
  master_sync_read_bytes: 'num',
  master_sync_left_bytes: 'num',
  master_sync_perc: 'num',
  master_sync_last_io_seconds_ago: 'num',
  master_link_down_since_seconds: 'num',
  slave_priority: 'num',
  slave_read_only: 'flag',
  replica_announced: 'flag',
};

const HASH = 35; // '#'
const CR = 13;

/**
 * The strings of the node's previous INFO, reused where this reply says the same: a field name
 * at the same place, a value that did not change. INFO is parsed for every node on every poll
 * and most of an idle node's fields do not move; reusing them allocates nothing for those, and
 * a reused long value (`run_id`, `executable`) is not a slice that keeps this whole reply alive.
 */
/** Each parsed section's field names in reply order (Object.keys of a dictionary is slow). */
export const FIELD_ORDER = new WeakMap<Record<string, string>, string[]>();

class Reuse {
  private keys: readonly string[] = [];
  private values: Record<string, string> | undefined;
  private next = 0;
  /** The names stored in the section being built, in order. */
  private stored: string[] = [];
  /** The field name last returned was the previous reply's: already checked when it was stored. */
  reused = false;

  constructor(private readonly previous: ParsedInfo | undefined) {}

  /** Starts section `name`; `into` is the record its fields go to. */
  section(name: string, into: Record<string, string> | undefined): void {
    this.values = this.previous?.sections[name];
    this.keys = this.values ? (FIELD_ORDER.get(this.values) ?? Object.keys(this.values)) : [];
    this.next = 0;
    if (into && !FIELD_ORDER.has(into)) FIELD_ORDER.set(into, (this.stored = []));
    else this.stored = [];
  }

  /** The field name in text[start, colon): the previous reply's string when it is the same. */
  key(text: string, start: number, colon: number): string {
    const expected = this.keys[this.next];
    this.reused = expected !== undefined && expected.length === colon - start && text.startsWith(expected, start);
    if (this.reused) {
      this.next++;
      return expected!;
    }
    return text.slice(start, colon);
  }

  value(key: string, text: string, start: number, end: number): string {
    this.stored.push(key);
    const before = this.values?.[key];
    return before !== undefined && before.length === end - start && text.startsWith(before, start) ? before : text.slice(start, end);
  }
}

export function parseInfo(text: string, previous?: ParsedInfo): ParsedInfo {
  const sections = bareRecord<Record<string, string>>();
  const malformed: string[] = [];
  // Fields before any `# Header` (hand-trimmed pastes) land in section '' rather than being lost.
  let current: Record<string, string> | undefined;
  // Inside a section with a hostile name: its fields are reported as malformed, never stored.
  let skipping = false;
  const reuse = new Reuse(previous);
  reuse.section('', undefined);

  // Scans the text in place: only keys, values and the rare odd line become strings (INFO is
  // parsed for every node on every poll; a line array and a string per line were most of the
  // garbage).
  for (let pos = 0; pos < text.length; ) {
    const newline = text.indexOf('\n', pos);
    const next = newline === -1 ? text.length : newline + 1;
    let end = newline === -1 ? text.length : newline;
    if (end > pos && text.charCodeAt(end - 1) === CR) end--;
    const start = pos;
    pos = next;
    if (end === start) continue;
    const first = text.charCodeAt(start);
    if (first === HASH) {
      const line = text.slice(start, end);
      const name = line.slice(1).trim().toLowerCase();
      skipping = isHostileName(name);
      if (skipping) malformed.push(line);
      else current = sections[name] ??= bareRecord();
      reuse.section(name, skipping ? undefined : current);
      continue;
    }
    if (skipping) {
      malformed.push(text.slice(start, end));
      continue;
    }
    if (first <= 32) {
      const line = text.slice(start, end);
      if (line.trim().length > 0) malformed.push(line);
      continue;
    }
    // Split at the FIRST colon: values such as `executable:/usr/bin/redis-server` or IPv6
    // addresses contain more of them.
    const colon = text.indexOf(':', start);
    const named = colon > start && colon < end;
    const key = named ? reuse.key(text, start, colon) : '';
    // Redis field names never contain blanks, nor the names that reach a prototype (a name
    // reused from the previous reply passed this check when it was stored).
    if (!(named && reuse.reused) && (key.length === 0 || key.includes(' ') || key.includes('\t') || isHostileName(key))) {
      malformed.push(text.slice(start, end));
      continue;
    }
    if (!current) reuse.section('', (current = sections[''] = bareRecord()));
    current[key] = reuse.value(key, text, colon + 1, end);
  }

  return {
    sections,
    replication: typeReplication(sections.replication ?? bareRecord()),
    keyspace: typeKeyspace(sections.keyspace ?? bareRecord()),
    malformed,
  };
}

/** hasOwn: a field named `toString` must not find Object.prototype's method as its kind. */
function isTypedField(key: string): key is TypedField {
  return Object.hasOwn(REPLICATION_FIELD_KINDS, key);
}

function typeReplication(raw: Record<string, string>): ReplicationInfo {
  const info: ReplicationInfo = { role: 'unknown', replicas: [], unknown: bareRecord() };
  // Assigning by a computed key needs an index signature; REPLICATION_FIELD_KINDS keeps it honest.
  const out = info as unknown as Record<string, unknown>;
  for (const key in raw) {
    const value = raw[key];
    if (value === undefined) continue;
    const kind = isTypedField(key) ? REPLICATION_FIELD_KINDS[key] : undefined;
    let typed: unknown;
    if (kind === undefined) {
      const replica = numberedPrefix(key, 'slave') ?? numberedPrefix(key, 'replica');
      const entry = replica === undefined ? undefined : toReplicaEntry(replica, value);
      if (entry) info.replicas.push(entry);
      else info.unknown[key] = value;
      continue;
    }
    if (kind === 'num') typed = toNumber(value);
    else if (kind === 'flag') typed = toFlag(value);
    else if (kind === 'text') typed = value;
    else if (kind === 'link') typed = value === 'up' || value === 'down' ? value : undefined;
    else
      typed =
        value === 'master'
          ? 'master'
          : value === 'slave' || value === 'replica'
            ? 'replica'
            : undefined;
    // A known field with a value we cannot read stays visible, verbatim, instead of vanishing.
    if (typed === undefined) info.unknown[key] = value;
    else out[key] = typed;
  }
  return info;
}

function typeKeyspace(raw: Record<string, string>): KeyspaceEntry[] {
  const entries: KeyspaceEntry[] = [];
  for (const key in raw) {
    const db = numberedPrefix(key, 'db');
    const text = raw[key];
    const pairs = db === undefined || text === undefined ? undefined : toPairs(text);
    if (db === undefined || pairs === undefined) continue;
    const keys = toNumber(pairs.keys);
    const expires = toNumber(pairs.expires);
    const avgTtl = toNumber(pairs.avg_ttl);
    if (keys === undefined || expires === undefined || avgTtl === undefined) continue;
    delete pairs.keys;
    delete pairs.expires;
    delete pairs.avg_ttl;
    entries.push({ db, keys, expires, avg_ttl: avgTtl, extra: pairs });
  }
  return entries;
}

function toReplicaEntry(index: number, value: string): ReplicaEntry | undefined {
  const pairs = toPairs(value);
  if (pairs === undefined) return undefined;
  const { ip, state } = pairs;
  const port = toNumber(pairs.port);
  const offset = toNumber(pairs.offset);
  const lag = toNumber(pairs.lag);
  if (
    ip === undefined ||
    state === undefined ||
    port === undefined ||
    offset === undefined ||
    lag === undefined
  ) {
    return undefined;
  }
  delete pairs.ip;
  delete pairs.port;
  delete pairs.state;
  delete pairs.offset;
  delete pairs.lag;
  return { index, ip, port, state, offset, lag, extra: pairs };
}

/** `a=1,b=2` → {a:'1', b:'2'}; undefined if any part has no `=`. */
function toPairs(value: string): Record<string, string> | undefined {
  const pairs = bareRecord<string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const k = part.slice(0, eq);
    if (!isHostileName(k)) pairs[k] = part.slice(eq + 1);
  }
  return pairs;
}

/** N of `slaveN` / `replicaN` / `dbN`, or undefined (so `slave_read_only` is not a replica). */
function numberedPrefix(key: string, prefix: string): number | undefined {
  if (key.length <= prefix.length || !key.startsWith(prefix)) return undefined;
  for (let i = prefix.length; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(key.slice(prefix.length));
}
