import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { parseInfo } from './info-parser';
import { parseRoleReply, quietRole, roleMatches, withRoleOffsets, type RoleReading } from './role-reply';

const FIXTURES = new URL('../../test/fixtures/info/', import.meta.url);
const info = (name: string) => parseInfo(readFileSync(new URL(name, FIXTURES), 'utf8'));

// ROLE replies of redis-server 7.0.15 as ioredis hands them over (integers as numbers, the
// master's replica entries as strings), captured from a master on 7601 and its replica on 7602.
const MASTER_WITH_REPLICA = ['master', 50, [['127.0.0.1', '7602', '50']]];
const MASTER_ALONE = ['master', 50, []];
const REPLICA_CONNECTED = ['slave', '127.0.0.1', 7601, 'connected', 50];
const REPLICA_HANDSHAKE = ['slave', '127.0.0.1', 7601, 'handshake', -1];
const REPLICA_CONNECT = ['slave', '127.0.0.1', 7699, 'connect', -1];

test('parseRoleReply() reads both roles as Redis sends them', () => {
  assert.deepEqual(parseRoleReply(MASTER_WITH_REPLICA), {
    role: 'master',
    offset: 50,
    replicas: [{ host: '127.0.0.1', port: 7602, offset: 50 }],
  });
  assert.deepEqual(parseRoleReply(REPLICA_CONNECTED), { role: 'replica', host: '127.0.0.1', port: 7601, state: 'connected', offset: 50 });
  assert.deepEqual(parseRoleReply(REPLICA_CONNECT), { role: 'replica', host: '127.0.0.1', port: 7699, state: 'connect', offset: -1 });
});

test('parseRoleReply() answers null for a sentinel, garbage or a shape it does not know', () => {
  for (const reply of [
    ['sentinel', ['mymaster']],
    'OK',
    null,
    [],
    ['master', 'x', []],
    ['master', 5, [['127.0.0.1', 'port', '1']]],
    ['master', 5, 'no list'],
    ['slave', '127.0.0.1', '6379x', 'connected', 1],
    ['slave', 7, 6379, 'connected', 1],
    ['master', '99999999999999999999', []],
  ]) {
    assert.equal(parseRoleReply(reply), null, JSON.stringify(reply));
  }
});

test('quietRole(): a master without replicas and a replica with its link up are quiet', () => {
  assert.deepEqual(quietRole(info('replica.txt')), { role: 'replica', host: '127.0.0.1', port: 27001, readOnly: true });
  const master = info('master.txt');
  assert.equal(quietRole(master), undefined, 'a master with replicas reads INFO every poll (their lag= is only there)');
  assert.equal(quietRole(info('replica-chained.txt')), undefined, 'a replica with its own replica');
  for (const name of ['replica-link-down.txt', 'replica-loading.txt', 'replica-syncing.txt', 'replica-never-connected.txt']) {
    assert.equal(quietRole(info(name)), undefined, name);
  }
  const alone = parseInfo('# Replication\r\nrole:master\r\nconnected_slaves:0\r\nmaster_repl_offset:0\r\n');
  assert.deepEqual(quietRole(alone), { role: 'master' });
});

test('roleMatches(): any change of role, master, link state or replicas needs INFO', () => {
  const replica = { role: 'replica', host: '127.0.0.1', port: 7601 } as const;
  const read = (r: unknown) => parseRoleReply(r) as RoleReading;
  assert.equal(roleMatches(replica, read(REPLICA_CONNECTED)), true);
  assert.equal(roleMatches(replica, read(REPLICA_HANDSHAKE)), false, 'link not connected');
  assert.equal(roleMatches(replica, read(REPLICA_CONNECT)), false, 'another master');
  assert.equal(roleMatches(replica, read(MASTER_ALONE)), false, 'promoted');
  assert.equal(roleMatches({ role: 'master' }, read(MASTER_ALONE)), true);
  assert.equal(roleMatches({ role: 'master' }, read(MASTER_WITH_REPLICA)), false, 'a replica attached');
  assert.equal(roleMatches({ role: 'master' }, read(REPLICA_CONNECTED)), false, 'turned replica');
});

test('withRoleOffsets() refreshes the offsets only, typed and raw, and leaves the INFO it came from as it was', () => {
  const before = info('replica.txt');
  const after = withRoleOffsets(before, { role: 'replica', host: '127.0.0.1', port: 27001, state: 'connected', offset: 9000 });
  assert.equal(after.replication.slave_repl_offset, 9000);
  assert.equal(after.replication.master_repl_offset, 9000);
  assert.equal(after.replication.slave_read_repl_offset, 9000);
  assert.equal(after.sections.replication?.slave_repl_offset, '9000');
  assert.equal(after.sections.replication?.master_repl_offset, '9000');
  assert.equal(after.replication.master_last_io_seconds_ago, before.replication.master_last_io_seconds_ago);
  assert.equal(after.sections.server, before.sections.server, 'other sections are shared, not copied');
  assert.equal(before.replication.slave_repl_offset, 205);
  assert.equal(before.sections.replication?.slave_repl_offset, '205');

  const master = parseInfo('# Replication\r\nrole:master\r\nconnected_slaves:0\r\nmaster_repl_offset:10\r\n');
  const moved = withRoleOffsets(master, { role: 'master', offset: 75, replicas: [] });
  assert.equal(moved.replication.master_repl_offset, 75);
  assert.equal(moved.sections.replication?.master_repl_offset, '75');
  assert.equal(moved.replication.slave_repl_offset, undefined);
});

test('the next INFO still parses against a ROLE-refreshed record', () => {
  const text = readFileSync(new URL('replica.txt', FIXTURES), 'utf8');
  const after = withRoleOffsets(parseInfo(text), { role: 'replica', host: '127.0.0.1', port: 27001, state: 'connected', offset: 9000 });
  const again = parseInfo(text, after);
  assert.equal(again.replication.slave_repl_offset, 205);
  assert.deepEqual(again.sections.replication, parseInfo(text).sections.replication);
});
