// parseSentinelMessage(), the deduper and the failover tracker on messages captured from three
// real Sentinels (redis-server 7.0.15 --sentinel) while their master was killed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SentinelEventDeduper } from './event-dedupe';
import { describeFailover, FailoverTracker } from './failover-tracker';
import { parseSentinelMessage, type SentinelEvent } from './sentinel-events';

// `<sentinel>\t<channel>\t<message>` in the order the subscriber received them.
const CAPTURED = `127.0.0.1:40031	+sentinel	sentinel 0ba6c9936cb1571dc0d4dff20af1435c50006b2b 127.0.0.1 34773 @ mymaster 127.0.0.1 38743
127.0.0.1:40031	+sentinel	sentinel f5793908a575d2e7becbd94138d2c0eab81a66a9 127.0.0.1 44039 @ mymaster 127.0.0.1 38743
127.0.0.1:44039	+sentinel	sentinel 0ba6c9936cb1571dc0d4dff20af1435c50006b2b 127.0.0.1 34773 @ mymaster 127.0.0.1 38743
127.0.0.1:34773	+sentinel	sentinel f5793908a575d2e7becbd94138d2c0eab81a66a9 127.0.0.1 44039 @ mymaster 127.0.0.1 38743
127.0.0.1:34773	+sentinel	sentinel bf06641303b9a50a9cf2637e1e69151fae522335 127.0.0.1 40031 @ mymaster 127.0.0.1 38743
127.0.0.1:44039	+sentinel	sentinel bf06641303b9a50a9cf2637e1e69151fae522335 127.0.0.1 40031 @ mymaster 127.0.0.1 38743
127.0.0.1:34773	+sdown	master mymaster 127.0.0.1 38743
127.0.0.1:40031	+sdown	master mymaster 127.0.0.1 38743
127.0.0.1:44039	+sdown	master mymaster 127.0.0.1 38743
127.0.0.1:40031	+odown	master mymaster 127.0.0.1 38743 #quorum 2/2
127.0.0.1:40031	+new-epoch	1
127.0.0.1:40031	+try-failover	master mymaster 127.0.0.1 38743
127.0.0.1:40031	+vote-for-leader	bf06641303b9a50a9cf2637e1e69151fae522335 1
127.0.0.1:34773	+new-epoch	1
127.0.0.1:34773	+vote-for-leader	bf06641303b9a50a9cf2637e1e69151fae522335 1
127.0.0.1:44039	+new-epoch	1
127.0.0.1:44039	+vote-for-leader	bf06641303b9a50a9cf2637e1e69151fae522335 1
127.0.0.1:44039	+odown	master mymaster 127.0.0.1 38743 #quorum 3/2
127.0.0.1:40031	+elected-leader	master mymaster 127.0.0.1 38743
127.0.0.1:40031	+failover-state-select-slave	master mymaster 127.0.0.1 38743
127.0.0.1:40031	+selected-slave	slave 127.0.0.1:36783 127.0.0.1 36783 @ mymaster 127.0.0.1 38743
127.0.0.1:40031	+failover-state-send-slaveof-noone	slave 127.0.0.1:36783 127.0.0.1 36783 @ mymaster 127.0.0.1 38743
127.0.0.1:40031	+failover-state-wait-promotion	slave 127.0.0.1:36783 127.0.0.1 36783 @ mymaster 127.0.0.1 38743
127.0.0.1:34773	+odown	master mymaster 127.0.0.1 38743 #quorum 3/2
127.0.0.1:34773	-role-change	slave 127.0.0.1:36783 127.0.0.1 36783 @ mymaster 127.0.0.1 38743 new reported role is master
127.0.0.1:44039	-role-change	slave 127.0.0.1:36783 127.0.0.1 36783 @ mymaster 127.0.0.1 38743 new reported role is master
127.0.0.1:40031	-role-change	slave 127.0.0.1:36783 127.0.0.1 36783 @ mymaster 127.0.0.1 38743 new reported role is master
127.0.0.1:40031	+promoted-slave	slave 127.0.0.1:36783 127.0.0.1 36783 @ mymaster 127.0.0.1 38743
127.0.0.1:40031	+failover-state-reconf-slaves	master mymaster 127.0.0.1 38743
127.0.0.1:40031	+slave-reconf-sent	slave 127.0.0.1:41025 127.0.0.1 41025 @ mymaster 127.0.0.1 38743
127.0.0.1:34773	+config-update-from	sentinel bf06641303b9a50a9cf2637e1e69151fae522335 127.0.0.1 40031 @ mymaster 127.0.0.1 38743
127.0.0.1:34773	+switch-master	mymaster 127.0.0.1 38743 127.0.0.1 36783
127.0.0.1:34773	+slave	slave 127.0.0.1:41025 127.0.0.1 41025 @ mymaster 127.0.0.1 36783
127.0.0.1:34773	+slave	slave 127.0.0.1:38743 127.0.0.1 38743 @ mymaster 127.0.0.1 36783
127.0.0.1:44039	+config-update-from	sentinel bf06641303b9a50a9cf2637e1e69151fae522335 127.0.0.1 40031 @ mymaster 127.0.0.1 38743
127.0.0.1:44039	+switch-master	mymaster 127.0.0.1 38743 127.0.0.1 36783
127.0.0.1:44039	+slave	slave 127.0.0.1:41025 127.0.0.1 41025 @ mymaster 127.0.0.1 36783
127.0.0.1:44039	+slave	slave 127.0.0.1:38743 127.0.0.1 38743 @ mymaster 127.0.0.1 36783
127.0.0.1:40031	+slave-reconf-inprog	slave 127.0.0.1:41025 127.0.0.1 41025 @ mymaster 127.0.0.1 38743
127.0.0.1:40031	+slave-reconf-done	slave 127.0.0.1:41025 127.0.0.1 41025 @ mymaster 127.0.0.1 38743
127.0.0.1:34773	+sdown	slave 127.0.0.1:38743 127.0.0.1 38743 @ mymaster 127.0.0.1 36783
127.0.0.1:40031	-odown	master mymaster 127.0.0.1 38743
127.0.0.1:40031	+failover-end	master mymaster 127.0.0.1 38743
127.0.0.1:40031	+switch-master	mymaster 127.0.0.1 38743 127.0.0.1 36783
127.0.0.1:40031	+slave	slave 127.0.0.1:41025 127.0.0.1 41025 @ mymaster 127.0.0.1 36783
127.0.0.1:40031	+slave	slave 127.0.0.1:38743 127.0.0.1 38743 @ mymaster 127.0.0.1 36783
127.0.0.1:44039	+sdown	slave 127.0.0.1:38743 127.0.0.1 38743 @ mymaster 127.0.0.1 36783
127.0.0.1:40031	+sdown	slave 127.0.0.1:38743 127.0.0.1 38743 @ mymaster 127.0.0.1 36783
127.0.0.1:34773	+sdown	sentinel f5793908a575d2e7becbd94138d2c0eab81a66a9 127.0.0.1 44039 @ mymaster 127.0.0.1 36783
127.0.0.1:34773	+sdown	sentinel bf06641303b9a50a9cf2637e1e69151fae522335 127.0.0.1 40031 @ mymaster 127.0.0.1 36783`;

const rows = CAPTURED.split('\n').map((l, i) => {
  const [sentinel, channel, message] = l.split('\t') as [string, string, string];
  return { sentinel, channel, message, at: 1_000_000 + i * 100 };
});

test('parseSentinelMessage() reads a master event and drops the quorum counter from its identity', () => {
  const e = parseSentinelMessage('+odown', 'master mymaster 127.0.0.1 38743 #quorum 2/2');
  assert.deepEqual(e, {
    type: '+odown',
    instanceType: 'master',
    instanceId: '127.0.0.1:38743',
    masterName: 'mymaster',
    masterId: '127.0.0.1:38743',
    extra: '#quorum 2/2',
    text: 'master mymaster 127.0.0.1 38743 #quorum 2/2',
  });
});

test('parseSentinelMessage() reads a replica event with its master after @', () => {
  const e = parseSentinelMessage('+selected-slave', 'slave 127.0.0.1:36783 127.0.0.1 36783 @ mymaster 127.0.0.1 38743');
  assert.equal(e?.instanceType, 'slave');
  assert.equal(e?.instanceId, '127.0.0.1:36783');
  assert.equal(e?.masterName, 'mymaster');
  assert.equal(e?.masterId, '127.0.0.1:38743');
});

test('parseSentinelMessage() reads +switch-master as old and new master', () => {
  const e = parseSentinelMessage('+switch-master', 'mymaster 127.0.0.1 38743 127.0.0.1 36783');
  assert.equal(e?.masterId, '127.0.0.1:38743');
  assert.equal(e?.newMasterId, '127.0.0.1:36783');
});

test('parseSentinelMessage() ignores what the dashboard does not follow and survives junk', () => {
  assert.equal(parseSentinelMessage('+new-epoch', '1'), null);
  assert.equal(parseSentinelMessage('+vote-for-leader', 'bf06 1'), null);
  assert.equal(parseSentinelMessage('+switch-master', 'mymaster nonsense'), null);
  assert.equal(parseSentinelMessage('+sdown', '')?.instanceId, undefined);
  assert.equal(parseSentinelMessage('+tilt', '#tilt mode entered')?.type, '+tilt');
  assert.equal(parseSentinelMessage('-failover-abort-no-good-slave', 'master m 10.0.0.1 6379')?.masterName, 'm');
});

test('three Sentinels, one failover: +sdown, +odown and +switch-master once each, naming who saw them', () => {
  const dedupe = new SentinelEventDeduper();
  const kept: Array<{ e: SentinelEvent; seenBy: string[] }> = [];
  for (const r of rows) {
    const e = parseSentinelMessage(r.channel, r.message);
    if (!e) continue;
    const { entry, isNew } = dedupe.see(e, r.sentinel, r.at);
    if (isNew) kept.push({ e, seenBy: entry.seenBy });
  }
  const masterEvents = (type: string) => kept.filter((k) => k.e.type === type && (k.e.instanceType === 'master' || type === '+switch-master'));
  assert.equal(masterEvents('+sdown').length, 1);
  assert.equal(masterEvents('+odown').length, 1);
  assert.equal(masterEvents('+switch-master').length, 1);
  assert.deepEqual(masterEvents('+sdown')[0]?.seenBy.length, 3);
  assert.deepEqual(masterEvents('+switch-master')[0]?.seenBy.length, 3);
  assert.deepEqual(masterEvents('+odown')[0]?.seenBy.length, 3);
});

test('the failover tracker turns the captured stream into one finished failover with its phases', () => {
  const dedupe = new SentinelEventDeduper();
  const tracker = new FailoverTracker();
  for (const r of rows) {
    const e = parseSentinelMessage(r.channel, r.message);
    if (!e || !dedupe.see(e, r.sentinel, r.at).isNew) continue;
    tracker.apply(e, r.at);
  }
  const f = tracker.current('mymaster');
  assert.ok(f);
  assert.equal(f.state, 'done');
  assert.equal(f.from, '127.0.0.1:38743');
  assert.equal(f.to, '127.0.0.1:36783');
  const types = f.phases.map((p) => p.type);
  assert.deepEqual(types.slice(0, 4), ['+sdown', '+odown', '+try-failover', '+elected-leader']);
  assert.ok(types.includes('+switch-master'));
  assert.ok(f.phases.every((p) => p.sincePrevMs >= 0));
  assert.match(describeFailover('mymaster', f).en, /^Sentinel failover of mymaster: 127\.0\.0\.1:38743 → 127\.0\.0\.1:36783 in \d+\.\d s/);
});

test('an aborted failover is failed with the reason', () => {
  const tracker = new FailoverTracker();
  tracker.apply(parseSentinelMessage('+odown', 'master m 10.0.0.1 6379 #quorum 2/2') as SentinelEvent, 1);
  tracker.apply(parseSentinelMessage('+try-failover', 'master m 10.0.0.1 6379') as SentinelEvent, 2);
  assert.equal(tracker.current('m')?.state, 'in_progress');
  tracker.apply(parseSentinelMessage('-failover-abort-no-good-slave', 'master m 10.0.0.1 6379') as SentinelEvent, 3);
  assert.equal(tracker.current('m')?.state, 'failed');
  assert.equal(tracker.current('m')?.reason, '-failover-abort-no-good-slave');
});
