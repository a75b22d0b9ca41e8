import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import { classifyLogLine } from './log-classifier';
import { parseLogLine, parseLogText } from './log-parser';
import type { LogLine } from './log-types';

const FIXTURES = new URL('../../test/fixtures/logs/', import.meta.url);
const lines = (name: string) => parseLogText(readFileSync(new URL(name, FIXTURES), 'utf8'));
const find = (ls: LogLine[], prefix: string) => {
  const l = ls.find((x) => x.message.startsWith(prefix));
  assert.ok(l, `no line starting with "${prefix}"`);
  return { line: l, c: classifyLogLine(l.message) };
};

test("classifyLogLine() marks the master's partial resync ✅ and links it to the replica", () => {
  const { c } = find(lines('link-killed.master.log'), 'Partial resynchronization request from');
  assert.deepEqual(c, {
    category: 'partial_resync_ok',
    verdict: 'normal',
    ruleId: 'psync_accepted',
    peer: { host: '127.0.0.1', port: 28002 },
  });
  const replica = lines('link-killed.replica.log');
  assert.equal(find(replica, 'Successful partial resynchronization').c.verdict, 'normal');
  assert.equal(find(replica, 'Connection with master lost').c.verdict, 'abnormal');
});

test('classifyLogLine() treats the 7.2 `*` "Connection with master lost." exactly like the 7.0 `#` one', () => {
  const old = parseLogLine('9:S 26 Nov 2026 10:10:35.751 # Connection with master lost.');
  const new72 = parseLogLine('9:S 26 Nov 2026 10:10:35.751 * Connection with master lost.');
  assert.notEqual(old.level, new72.level);
  assert.deepEqual(classifyLogLine(new72.message), classifyLogLine(old.message));
  assert.equal(classifyLogLine(new72.message).category, 'link_lost');
  assert.equal(classifyLogLine(new72.message).verdict, 'abnormal');
});

test('classifyLogLine() proves backlog_exhausted from "lack of backlog" and names the replica', () => {
  for (const file of ['backlog-exhausted.master.log', 'obuf-limit.master.log']) {
    const { c } = find(lines(file), 'Unable to partial resync with replica');
    assert.equal(c.category, 'partial_resync_refused');
    assert.equal(c.verdict, 'abnormal');
    assert.equal(c.causeHint, 'backlog_exhausted');
    assert.equal(c.peer?.port, file.startsWith('backlog') ? 28032 : 28042);
  }
});

test('classifyLogLine() proves auth_failed from the NOAUTH storm and from a wrong masterauth', () => {
  const storm = lines('noauth-storm.replica.log');
  const aborted = find(storm, 'MASTER aborted replication with an error: NOAUTH').c;
  assert.deepEqual(
    [aborted.category, aborted.verdict, aborted.causeHint],
    ['auth_config_error', 'abnormal', 'auth_failed'],
  );
  assert.equal(
    find(storm, 'Unexpected reply to PSYNC from master: -NOAUTH').c.causeHint,
    'auth_failed',
  );
  const retry = find(storm, 'Reconnecting to MASTER 127.0.0.1:28011 after failure').c;
  assert.deepEqual([retry.verdict, retry.peer], ['abnormal', { host: '127.0.0.1', port: 28011 }]);
  // Redis accepts -NOAUTH at the PING step, so this line must stay neutral.
  assert.equal(find(storm, 'Master replied to PING').c.causeHint, undefined);

  const wrong = find(lines('wrong-masterauth.replica.log'), 'Unable to AUTH to MASTER').c;
  assert.deepEqual(
    [wrong.category, wrong.verdict, wrong.causeHint],
    ['auth_config_error', 'abnormal', 'auth_failed'],
  );
});

test("classifyLogLine() reports the obuf line's addr= as a client address, not as the replica node", () => {
  const master = lines('obuf-limit.master.log');
  const { c } = find(master, 'Client id=');
  assert.equal(c.category, 'output_buffer_limit');
  assert.equal(c.verdict, 'abnormal');
  assert.equal(c.causeHint, 'output_buffer_limit');
  assert.equal(c.peer, undefined);
  assert.deepEqual(c.peerClientAddr, { host: '127.0.0.1', port: 51278 });
  assert.deepEqual(find(master, 'Connection with replica').c.peer, {
    host: '127.0.0.1',
    port: 28042,
  });
});

test("classifyLogLine() keeps a pub/sub client's output-buffer kill out of replication causes", () => {
  const c = classifyLogLine(
    'Client id=9 addr=10.1.1.1:5000 laddr=10.1.1.2:6379 fd=9 name= flags=P db=0 cmd=subscribe scheduled to be closed ASAP for overcoming of output buffer limits.',
  );
  assert.deepEqual(
    [c.category, c.verdict, c.causeHint],
    ['output_buffer_limit', 'notable', undefined],
  );
});

test('classifyLogLine() proves connection_refused when the master is killed', () => {
  const { c } = find(lines('master-killed.replica.log'), 'Error condition on socket for SYNC');
  assert.deepEqual(
    [c.category, c.verdict, c.causeHint],
    ['link_lost', 'abnormal', 'connection_refused'],
  );
});

test('classifyLogLine() flags FAILOVER and REPLICAOF NO ONE as role changes with the right peer', () => {
  const a = lines('failover.node-a.log');
  assert.deepEqual(find(a, 'FAILOVER requested to').c.peer, { host: '127.0.0.1', port: 28062 });
  assert.equal(find(a, 'Failover target').c.category, 'role_change');
  const b = find(lines('failover.node-b.log'), 'MASTER MODE enabled (failover request').c;
  assert.deepEqual([b.category, b.verdict, b.peer], ['role_change', 'notable', undefined]);
  const c = lines('failover.node-c.log');
  assert.equal(find(c, 'MASTER MODE enabled (user request').c.category, 'role_change');
  assert.deepEqual(find(c, 'REPLICAOF 127.0.0.1:28062 enabled').c.peer, {
    host: '127.0.0.1',
    port: 28062,
  });
  assert.equal(find(c, 'Full resync from master').c.verdict, 'notable');
});

test("classifyLogLine() grades a new replica's full sync ⚠️ notable with cause replica_restarted", () => {
  const m = lines('link-killed.master.log');
  const req = find(m, 'Full resync requested by replica').c;
  assert.deepEqual(
    [req.category, req.verdict, req.causeHint, req.peer?.port],
    ['full_resync', 'notable', 'replica_restarted', 28002],
  );
  assert.equal(find(m, 'Starting BGSAVE for SYNC').c.verdict, 'notable');
  assert.equal(find(m, 'Replica 127.0.0.1:28002 asks for synchronization').c.verdict, 'normal');
});

test("classifyLogLine() follows the runbook's ✅/❌ markers on its old-format examples", () => {
  const seed = lines('legacy-format.log').slice(1);
  const verdicts = seed.map((l) => classifyLogLine(l.message).verdict);
  assert.deepEqual(verdicts, [
    'normal',
    'normal',
    'normal', // asks for synchronization, partial resync requested / ok
    'abnormal',
    'notable',
    'notable', // link lost; full resync (the runbook says "possibly abnormal")
    'normal',
    'normal',
    'normal',
    'normal', // connect, sync started, connect fired, PING
    'abnormal',
    'notable',
    'abnormal', // refused; reconnect; unable to connect (timed out)
  ]);
  assert.deepEqual(classifyLogLine(seed[3]?.message ?? '').peer, {
    host: '192.168.1.10',
    port: 6379,
  });
  assert.equal(classifyLogLine(seed[12]?.message ?? '').causeHint, 'timeout');
  assert.equal(classifyLogLine('SYNC failed. BGSAVE child returned an error').verdict, 'abnormal');
});

test('classifyLogLine() reads Redis 4.0 "slave" and Valkey 8 "primary" wordings alike', () => {
  const same: [string, string][] = [
    ['Connection with slave 10.0.0.2:6379 lost.', 'Connection with replica 10.0.0.2:6379 lost.'],
    ['MASTER <-> SLAVE sync started', 'PRIMARY <-> REPLICA sync started'],
    [
      'Slave 10.0.0.2:6379 asks for synchronization',
      'Replica 10.0.0.2:6379 asks for synchronization',
    ],
    [
      'Full resync requested by slave 10.0.0.2:6379',
      'Full resync requested by replica 10.0.0.2:6379',
    ],
    ['Connection with master lost.', 'Connection with primary lost.'],
    ['Connecting to MASTER 10.0.0.1:6379', 'Connecting to PRIMARY 10.0.0.1:6379'],
    [
      'MASTER timeout: no data nor PING received...',
      'PRIMARY timeout: no data nor PING received...',
    ],
    ['Timeout connecting to the MASTER...', 'Timeout connecting to the PRIMARY...'],
    [
      'Unable to AUTH to MASTER: -ERR invalid password',
      'Unable to AUTH to PRIMARY: -WRONGPASS invalid username-password pair',
    ],
    [
      "MASTER MODE enabled (user request from 'id=3')",
      "PRIMARY MODE enabled (user request from 'id=3')",
    ],
    ['Caching the disconnected master state.', 'Caching the disconnected primary state.'],
    [
      'Partial resynchronization not possible (no cached master)',
      'Partial resynchronization not possible (no cached primary)',
    ],
    [
      'MASTER <-> SLAVE sync: Finished with success',
      'PRIMARY <-> REPLICA sync: Finished with success',
    ],
    [
      'Disconnecting timedout slave: 10.0.0.2:6379',
      'Disconnecting timedout replica (streaming sync): 10.0.0.2:6379',
    ],
  ];
  for (const [a, b] of same) {
    const ca = classifyLogLine(a);
    assert.notEqual(ca.category, 'other', a);
    assert.deepEqual(ca, classifyLogLine(b), `${a} vs ${b}`);
  }
});

test('classifyLogLine() files start-up and shutdown as lifecycle: the start notable, the rest routine', () => {
  assert.deepEqual(classifyLogLine('oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'), { category: 'lifecycle', verdict: 'notable', ruleId: 'startup' });
  for (const m of ['Ready to accept connections', 'Server initialized', 'Running mode=standalone, port=6379.'])
    assert.deepEqual(classifyLogLine(m), { category: 'lifecycle', verdict: 'normal', ruleId: 'startup_progress' });
  assert.equal(classifyLogLine('User requested shutdown...').category, 'lifecycle');
  assert.equal(classifyLogLine('Received SIGTERM scheduling shutdown...').verdict, 'notable');
});

test('classifyLogLine() leaves lines about nothing it knows as other/normal', () => {
  for (const m of ['', 'Some line a future Redis prints', 'DB 0: 1 keys (0 volatile) in 4 slots HT.']) {
    assert.deepEqual(classifyLogLine(m), { category: 'other', verdict: 'normal', ruleId: 'other' });
  }
});

test('classifyLogLine() links only real host:port peers (IPv6 yes, unknown port no)', () => {
  assert.deepEqual(classifyLogLine('Replica [::1]:6380 asks for synchronization').peer, {
    host: '::1',
    port: 6380,
  });
  assert.deepEqual(classifyLogLine('Connecting to MASTER redis-a.internal:6379').peer, {
    host: 'redis-a.internal',
    port: 6379,
  });
  assert.equal(
    classifyLogLine('Replica 10.0.0.2:<unknown-replica-port> asks for synchronization').peer,
    undefined,
  );
  assert.equal(classifyLogLine('Replica client id #7 asks for synchronization').peer, undefined);
});

test('classifyLogLine() reads Sentinel events and points +switch-master at the new master', () => {
  const sw = classifyLogLine('+switch-master mymaster 127.0.0.1 17001 127.0.0.1 17002');
  assert.deepEqual([sw.category, sw.peer], ['role_change', { host: '127.0.0.1', port: 17002 }]);
  const down = classifyLogLine('+sdown master mymaster 127.0.0.1 17001');
  assert.deepEqual(
    [down.category, down.verdict, down.peer?.port],
    ['link_lost', 'abnormal', 17001],
  );
  assert.equal(
    classifyLogLine('-failover-abort-no-good-slave master mymaster 127.0.0.1 17001').verdict,
    'abnormal',
  );
});

test('parse + classify throughput is reported against the 200k lines/s budget (not asserted: wall clock)', (t) => {
  const all = readdirSync(FIXTURES).filter((f) => f.endsWith('.log'));
  const raw = all.flatMap((f) => readFileSync(new URL(f, FIXTURES), 'utf8').split('\n'));
  // Mix: every captured line once per lap, so the storm does not dominate the sample.
  const sample = [...new Set(raw)];
  const n = 300_000;
  let abnormal = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    if (
      classifyLogLine(parseLogLine(sample[i % sample.length] ?? '').message).verdict === 'abnormal'
    )
      abnormal++;
  }
  const rate = Math.round(n / ((performance.now() - t0) / 1000));
  t.diagnostic(
    `parse+classify: ${rate.toLocaleString('en')} lines/s over ${sample.length} distinct lines (${abnormal} abnormal)`,
  );
  assert.ok(abnormal > 0);
});

test('in the captured logs every start-up and shutdown line is lifecycle, none is left as other', () => {
  const all = readdirSync(FIXTURES).filter((f) => f.endsWith('.log'));
  const lifecycle = all
    .flatMap((f) => lines(f))
    .filter((l) => /Redis is starting|Server initialized|Ready to accept connections|shutdown|bye bye/i.test(l.message));
  assert.ok(lifecycle.length >= 10, `only ${lifecycle.length} lifecycle lines in the fixtures`);
  for (const l of lifecycle) assert.equal(classifyLogLine(l.message).category, 'lifecycle', l.message);
});
