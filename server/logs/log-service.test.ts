import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogService } from './log-service';

const DAY = 24 * 3600_000;
const REPLICA = '127.0.0.1:7002';

/** A Redis 7 line stamped in UTC (the service is told tzOffsetMinutes 0). */
function line(at: number, message: string): string {
  const d = new Date(at);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `77:S ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)} * ${message}`;
}

test('LogService ages lines by arrival: a line written a week ago stays until a day after it arrived', async (t) => {
  let now = Date.UTC(2031, 5, 15, 12, 0, 0);
  const logs = new LogService({ now: () => now, retentionMs: DAY });
  t.after(() => logs.stop());
  const written = now - 7 * DAY;
  await logs.ingest(REPLICA, [line(written, 'Connecting to MASTER 127.0.0.1:7001'), line(written + 10, 'MASTER <-> REPLICA sync started')], { tzOffsetMinutes: 0 });

  const rows = logs.query({ node: REPLICA });
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((r) => r.time).sort(), [written, written + 10]);
  assert.ok(rows.every((r) => r.receivedAt === now));
  assert.equal(logs.around([REPLICA], written, 1000).length, 2);

  now += DAY - 1;
  assert.equal(logs.query({ node: REPLICA }).length, 2, 'still within a day of arrival');
  now += 2;
  assert.equal(logs.query({ node: REPLICA }).length, 0, 'a day after arrival it ages out');
  assert.equal(logs.around([REPLICA], written, 1000).length, 0);
});

test('LogService.list() reports what a since/until window left out', async (t) => {
  const now = Date.UTC(2031, 0, 1);
  const logs = new LogService({ now: () => now });
  t.after(() => logs.stop());
  await logs.ingest(REPLICA, [line(now - 3 * DAY, 'old line'), line(now - 1000, 'new line'), line(now - 900, 'new line')], { tzOffsetMinutes: 0 });
  const windowed = logs.list({ since: now - 60_000 });
  assert.deepEqual(windowed.lines.map((l) => [l.message, l.count]), [['new line', 2]]);
  assert.deepEqual(windowed.outsideWindow, { rows: 1, lines: 1 });
  assert.deepEqual(logs.list({ until: now - DAY }).outsideWindow, { rows: 1, lines: 2 });
  assert.equal(logs.list({}).outsideWindow, undefined);
});
