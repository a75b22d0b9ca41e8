import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import { num } from './info-numbers';
import { parseInfo } from './info-parser';

const FIXTURES = new URL('../../test/fixtures/info/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const parsedFixture = (name: string) => parseInfo(fixture(name));
const FIXTURE_NAMES = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));
// parseInfo() builds prototype-less records (see safe-record.ts); compare their values only.
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

test('parseInfo() reads a master with two online replicas', () => {
  const info = parsedFixture('master.txt');
  const r = info.replication;
  assert.equal(r.role, 'master');
  assert.equal(r.connected_slaves, 2);
  assert.deepEqual(
    r.replicas.map(({ index, ip, port, state, offset, lag }) => ({
      index,
      ip,
      port,
      state,
      offset,
      lag,
    })),
    [
      { index: 0, ip: '127.0.0.1', port: 27002, state: 'online', offset: 205, lag: 0 },
      { index: 1, ip: '127.0.0.1', port: 27003, state: 'online', offset: 205, lag: 0 },
    ],
  );
  assert.equal(r.master_repl_offset, 205);
  assert.equal(r.second_repl_offset, -1);
  assert.match(r.master_replid ?? '', /^[0-9a-f]{40}$/);
  assert.equal(r.master_replid2, '0'.repeat(40));
  assert.equal(r.repl_backlog_active, true);
  assert.equal(r.repl_backlog_size, 1048576);
  assert.equal(r.master_failover_state, 'no-failover');
  assert.equal(r.master_host, undefined);
  assert.equal(r.master_link_status, undefined);
  assert.deepEqual(plain(r.unknown), {});
  assert.deepEqual(info.malformed, []);
});

test('parseInfo() reads a healthy replica', () => {
  const r = parsedFixture('replica.txt').replication;
  assert.equal(r.role, 'replica');
  assert.equal(r.master_host, '127.0.0.1');
  assert.equal(r.master_port, 27001);
  assert.equal(r.master_link_status, 'up');
  assert.equal(r.master_sync_in_progress, false);
  assert.equal(r.slave_repl_offset, 205);
  assert.equal(r.slave_read_repl_offset, 205);
  assert.equal(r.slave_read_only, true);
  assert.equal(r.slave_priority, 100);
  assert.equal(r.replica_announced, true);
  assert.equal(r.connected_slaves, 0);
  assert.deepEqual(r.replicas, []);
  // Only present while the link is down.
  assert.equal(r.master_link_down_since_seconds, undefined);
});

test('parseInfo() reads a chained replica as a replica that also lists its sub-replica', () => {
  const r = parsedFixture('replica-chained.txt').replication;
  assert.equal(r.role, 'replica');
  assert.equal(r.master_port, 27001);
  assert.equal(r.connected_slaves, 1);
  assert.equal(r.replicas.length, 1);
  assert.equal(r.replicas[0]?.port, 27004);
  assert.equal(r.replicas[0]?.state, 'online');
});

test('parseInfo() reads transfer progress of a disk-based full sync', () => {
  const r = parsedFixture('replica-syncing.txt').replication;
  assert.equal(r.master_sync_in_progress, true);
  assert.equal(r.master_link_status, 'down');
  assert.equal(r.master_last_io_seconds_ago, -1);
  assert.equal(r.master_sync_total_bytes, 6977923);
  assert.equal(r.master_sync_read_bytes, 1638400);
  assert.equal(r.master_sync_left_bytes, 5339523);
  assert.equal(r.master_sync_perc, 23.48);
  assert.equal(r.master_sync_last_io_seconds_ago, 0);
  assert.equal(r.master_link_down_since_seconds, -1, 'never up since it became a replica');
});

test('parseInfo() reads -1 totals and -0.00 percent before the RDB size preamble as numbers', () => {
  const r = parsedFixture('replica-syncing-preamble.txt').replication;
  assert.equal(r.master_sync_in_progress, true);
  assert.equal(r.master_sync_total_bytes, -1);
  assert.equal(r.master_sync_read_bytes, 0);
  assert.equal(r.master_sync_left_bytes, -1);
  assert.ok(Object.is(r.master_sync_perc, 0), '-0.00 reads as 0, not -0');
});

test('parseInfo() keeps the 0 total and negative bytes left of a diskless sync', () => {
  const r = parsedFixture('replica-syncing-diskless.txt').replication;
  assert.equal(r.master_sync_total_bytes, 0);
  assert.ok((r.master_sync_read_bytes ?? 0) > 0);
  assert.equal(r.master_sync_left_bytes, -(r.master_sync_read_bytes ?? 0));
  assert.equal(r.master_sync_perc, 0);
});

test('parseInfo() shows a replica loading the RDB as still syncing', () => {
  const info = parsedFixture('replica-loading.txt');
  assert.equal(info.replication.master_sync_in_progress, true);
  assert.equal(info.replication.master_sync_perc, 100);
  assert.equal(info.sections.persistence?.loading, '1');
});

test('parseInfo() reads a replica whose master was killed', () => {
  const r = parsedFixture('replica-link-down.txt').replication;
  assert.equal(r.role, 'replica');
  assert.equal(r.master_link_status, 'down');
  assert.equal(r.master_last_io_seconds_ago, -1);
  assert.equal(r.master_sync_in_progress, false);
  assert.ok((r.master_link_down_since_seconds ?? -1) > 0);
  assert.equal(r.slave_repl_offset, 205, 'keeps the offset it had reached');
});

test('parseInfo() reads -1 link-down time for a replica that never reached its master', () => {
  const r = parsedFixture('replica-never-connected.txt').replication;
  assert.equal(r.master_port, 27099);
  assert.equal(r.master_link_status, 'down');
  assert.equal(r.master_link_down_since_seconds, -1);
  assert.equal(r.repl_backlog_active, false);
});

test('parseInfo() reads replica states of a master serving a full sync', () => {
  const pending = parsedFixture('master-sync-pending.txt');
  assert.equal(pending.replication.replicas[0]?.state, 'wait_bgsave');
  assert.equal(pending.sections.persistence?.rdb_bgsave_in_progress, '1');
  assert.equal(parsedFixture('master-send-bulk.txt').replication.replicas[0]?.state, 'send_bulk');
});

test('parseInfo() reads every real fixture without malformed lines or untyped replication fields', () => {
  assert.ok(FIXTURE_NAMES.length >= 6);
  for (const name of FIXTURE_NAMES) {
    const text = fixture(name);
    assert.ok(text.includes('\r\n'), `${name} keeps the raw CRLF reply`);
    const info = parseInfo(text);
    assert.deepEqual(info.malformed, [], name);
    assert.deepEqual(plain(info.replication.unknown), {}, name);
    assert.equal(info.sections.server?.redis_version, '7.0.15', name);
    for (const section of ['replication', 'stats', 'memory', 'persistence', 'clients', 'cpu']) {
      assert.ok(info.sections[section], `${name} has # ${section}`);
    }
  }
});

test('parseInfo() gives the same result for CRLF and LF line endings', () => {
  const crlf = fixture('master.txt');
  assert.deepEqual(parseInfo(crlf.replaceAll('\r\n', '\n')), parseInfo(crlf));
});

test('parseInfo() accepts both the slave and the replica spelling', () => {
  const r = parseInfo(
    '# Replication\nrole:replica\nconnected_slaves:1\nreplica0:ip=10.0.0.2,port=6380,state=online,offset=9,lag=1\n',
  ).replication;
  assert.equal(r.role, 'replica');
  assert.equal(r.replicas[0]?.ip, '10.0.0.2');
  assert.equal(r.replicas[0]?.lag, 1);
  assert.equal(parseInfo('# Replication\r\nrole:slave\r\n').replication.role, 'replica');
});

test('parseInfo() keeps unknown fields', () => {
  const r = parseInfo(
    '# Replication\nrole:master\nfuture_field:a:b\nmaster_port:not-a-port\nrole2:x\n',
  ).replication;
  assert.deepEqual(plain(r.unknown), { future_field: 'a:b', master_port: 'not-a-port', role2: 'x' });
  assert.equal(r.master_port, undefined);
});

test('parseInfo() keeps unknown key=value pairs of a replica line in extra', () => {
  const r = parseInfo(
    '# Replication\nslave0:ip=10.0.0.2,port=6380,state=online,offset=9,lag=0,tls=yes\n',
  ).replication;
  assert.deepEqual(plain(r.replicas[0]?.extra), { tls: 'yes' });
});

test('parseInfo() keeps a replica line it cannot read as an unknown field', () => {
  const r = parseInfo(
    '# Replication\nslave0:10.0.0.2,6380,online\nslave1:ip=x,port=1,state=online\n',
  ).replication;
  assert.deepEqual(r.replicas, []);
  assert.deepEqual(plain(r.unknown), {
    slave0: '10.0.0.2,6380,online',
    slave1: 'ip=x,port=1,state=online',
  });
});

test('parseInfo() reads keyspace lines, newer pairs into extra', () => {
  assert.deepEqual(
    parsedFixture('master.txt').keyspace.map(({ db, keys, expires }) => ({ db, keys, expires })),
    [
      { db: 0, keys: 4, expires: 1 },
      { db: 2, keys: 1, expires: 0 },
    ],
  );
  assert.deepEqual(plain(parseInfo('# Keyspace\ndb0:keys=1,expires=0,avg_ttl=0,subexpiry=0\n').keyspace), [
    { db: 0, keys: 1, expires: 0, avg_ttl: 0, extra: { subexpiry: '0' } },
  ]);
});

test('parseInfo() keeps everything after the first colon of a value', () => {
  const info = parseInfo(
    '# Server\nexecutable:/usr/bin/redis-server\n# Replication\nrole:slave\nmaster_host:fe80::1\nmaster_port:6379\n' +
      'slave0:ip=::1,port=6381,state=online,offset=1,lag=0\n',
  );
  assert.equal(info.sections.server?.executable, '/usr/bin/redis-server');
  assert.equal(info.replication.master_host, 'fe80::1');
  assert.equal(info.replication.replicas[0]?.ip, '::1');
});

test('parseInfo() reports garbage lines as malformed and keeps going', () => {
  const info = parseInfo(
    '# Replication\nhello world\n:no-key\n  indented:1\nrole:master\nnot a field: x\n\u0000\u0001junk\n',
  );
  assert.equal(info.replication.role, 'master');
  assert.deepEqual(info.malformed, [
    'hello world',
    ':no-key',
    '  indented:1',
    'not a field: x',
    '\u0000\u0001junk',
  ]);
});

test('parseInfo() never throws on random input', () => {
  const alphabet = 'ab:#=,\r\n 0123456789-.slave_dbkeys';
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 500; i++) {
    let s = '';
    for (let j = 0; j < 80; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
    assert.doesNotThrow(() => parseInfo(s));
  }
});

test('parseInfo() returns an empty result for empty input', () => {
  for (const text of ['', '\r\n', '\n\n']) {
    assert.deepEqual(plain(parseInfo(text)), {
      sections: {},
      replication: { role: 'unknown', replicas: [], unknown: {} },
      keyspace: [],
      malformed: [],
    });
  }
});

test('parseInfo() lower-cases section names and keeps fields before any header', () => {
  const info = parseInfo('role:master\n# Server\nredis_version:7.0.15\n');
  assert.deepEqual(plain(info.sections), { '': { role: 'master' }, server: { redis_version: '7.0.15' } });
});

test('num() reads a numeric field and is undefined for absent or text values', () => {
  const { sections } = parsedFixture('master.txt');
  assert.equal(typeof num(sections, 'stats', 'total_commands_processed'), 'number');
  assert.equal(num(sections, 'stats', 'no_such_field'), undefined);
  assert.equal(num(sections, 'server', 'redis_mode'), undefined);
  assert.equal(num(sections, 'server', 'config_file'), undefined, 'empty string is not 0');
});

test('parseInfo() with the previous reply reads exactly what it reads without it', () => {
  // Reuse of the previous reply's strings must never change a value: every pair of real
  // captures, in both orders, plus edits that move, change, add and drop fields.
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));
  const texts = files.map(fixture);
  const master = fixture('master.txt');
  const eol = master.includes('\r\n') ? '\r\n' : '\n';
  const lines = master.split(eol);
  texts.push(
    lines.map((l) => (l.startsWith('master_repl_offset:') ? 'master_repl_offset:9' : l)).join(eol),
    lines.filter((l) => !l.startsWith('connected_slaves:')).join(eol),
    [...lines.slice(0, 3), 'zz_new_field:1', ...lines.slice(3)].join(eol),
    lines.map((l) => (l.startsWith('run_id:') ? `${l}x` : l)).join(eol),
    lines.map((l) => (l.startsWith('role:') ? 'role:mas' : l)).join(eol),
    [...lines].reverse().join(eol),
  );
  for (const before of texts) {
    const previous = parseInfo(before);
    for (const text of texts) assert.deepEqual(parseInfo(text, previous), parseInfo(text));
  }
});

test('parseInfo() with a previous reply still rejects broken and hostile lines', () => {
  const previous = parseInfo('# Replication\r\nrole:master\r\nconnected_slaves:0\r\n');
  const text = '# Replication\r\nrole:master\r\nno colon here\r\n:empty name\r\n__proto__:x\r\nconnected_slaves:0\r\n';
  const parsed = parseInfo(text, previous);
  assert.deepEqual(parsed, parseInfo(text));
  assert.deepEqual(Object.keys(parsed.sections.replication ?? {}), ['role', 'connected_slaves']);
  assert.equal(parsed.malformed.length, 3);
});
