// Integration: the log service tails the log files of a real sandbox topology while faults are
// injected, and what it stores is what an operator (and the diagnosis) needs to see.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { LogEntry, LogLinesEvent } from '../lib/contracts';
import { LogService } from '../server/logs/log-service';
import type { Sandbox } from '../server/sandbox';
import { infoSection } from './helpers/redis';
import { useSandbox } from './helpers/sandbox';
import { waitUntil } from './helpers/wait-until';

const SHAPE = [{ name: 'm' }, { name: 'r1', upstream: 'm' }];
const total = (rows: LogEntry[]) => rows.reduce((n, r) => n + r.count, 0);

function tailSandbox(t: TestContext, sb: Sandbox): { service: LogService; live: LogLinesEvent[] } {
  const service = new LogService({ pollMs: 50 });
  for (const n of sb.nodes) service.addFile({ node: n.id, file: n.logFile });
  const live: LogLinesEvent[] = [];
  service.on('lines', (e) => live.push(e));
  service.start();
  t.after(() => service.stop());
  return { service, live };
}

test('a killed replica link: the master logs an accepted partial resync, classified normal and linked to the replica', async (t) => {
  const sb = await useSandbox(t, { shape: SHAPE });
  const { service, live } = tailSandbox(t, sb);
  const m = sb.node('m');
  const r1 = sb.node('r1');
  // The start-up lines are there from the backfill, with the first sync linked to the replica.
  await waitUntil(() => service.query({ node: m.id, category: 'full_resync' }).some((e) => e.peerNodeId === r1.id), {
    what: 'backfilled full sync of r1 on m',
  });

  const since = Date.now() - 1000;
  await (await sb.client('r1')).call('CLIENT', 'KILL', 'TYPE', 'master');
  const accepted = () =>
    service.query({ node: m.id, category: 'partial_resync_ok', since }).find((e) => e.ruleId === 'psync_accepted');
  await waitUntil(() => accepted() !== undefined, { what: 'Partial resynchronization … accepted on m' });
  const row = accepted()!;
  assert.match(row.message, new RegExp(`^Partial resynchronization request from ${r1.id} accepted`));
  assert.equal(row.verdict, 'normal');
  assert.equal(row.peerNodeId, r1.id);
  assert.equal(row.role, 'master');

  await waitUntil(() => service.query({ node: r1.id, category: 'partial_resync_ok', since }).length > 0, {
    what: 'the replica side of the partial resync',
  });
  const lost = service.query({ node: r1.id, category: 'link_lost', since });
  assert.ok(lost.some((e) => e.verdict === 'abnormal'), 'the replica logged the lost link');
  assert.ok(
    live.some((e) => e.nodeId === m.id && e.entries.some((x) => x.ruleId === 'psync_accepted')),
    'the accepted line was pushed live for watchers of m',
  );
});

test('requirepass on the master: the replica NOAUTH storm folds into a few counted rows and is auth_failed evidence', async (t) => {
  const sb = await useSandbox(t, { shape: SHAPE });
  const { service } = tailSandbox(t, sb);
  const r1 = sb.node('r1');
  const master = await sb.client('m');
  const replica = await sb.client('r1');
  await waitUntil(() => service.stats().linesProcessed > 0, { what: 'backfill' });

  // Existing connections stay authenticated; only the replica's new link has to AUTH.
  await master.call('CONFIG', 'SET', 'requirepass', 'x');
  // Same clock as Redis' timestamps (ms, truncated): every storm line is at or after this.
  const stormAt = Date.now();
  await replica.call('CLIENT', 'KILL', 'TYPE', 'master');
  await waitUntil(() => total(service.query({ node: r1.id, q: 'NOAUTH', since: stormAt })) >= 500, {
    timeoutMs: 15_000,
    what: 'at least 500 NOAUTH lines from r1',
  });

  const rows = service.query({ node: r1.id, since: stormAt, limit: 500 });
  const lines = total(rows);
  t.diagnostic(`NOAUTH storm: ${lines} lines folded into ${rows.length} rows`);
  assert.ok(rows.length <= 20, `few rows (got ${rows.length} for ${lines} lines)`);
  const aborted = rows.find((r) => r.ruleId === 'aborted_auth');
  assert.ok(aborted && aborted.count >= 50, `"MASTER aborted replication … NOAUTH" is one row with a count (${aborted?.count})`);
  assert.equal(aborted.verdict, 'abnormal');
  assert.equal(aborted.causeHint, 'auth_failed');

  const evidence = service.recentEvidence(stormAt).filter((e) => e.nodeId === r1.id && e.causeHint === 'auth_failed');
  assert.ok(evidence.length >= 1, 'auth_failed evidence for r1');
  assert.ok(evidence.some((e) => (e.count ?? 1) >= 50), 'the evidence carries the storm count');

  // Restore: the replica learns the password and partially resyncs.
  const restoredAt = Date.now() - 1000;
  await replica.call('CONFIG', 'SET', 'masterauth', 'x');
  await waitUntil(async () => (await infoSection(replica, 'replication')).master_link_status === 'up', {
    timeoutMs: 10_000,
    what: 'r1 linked again',
  });
  await waitUntil(() => service.query({ node: r1.id, category: 'partial_resync_ok', since: restoredAt }).length > 0, {
    what: 'partial resync after masterauth',
  });
});
