// Disk cost of the persisted history: one simulated day of a replica (every rollup metric, the
// heartbeat on, one poll a second) written the way the server writes it (a batch a minute),
// then the SQLite file measured. Run: npx tsx bench/history-disk.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROLLUP_METRICS, RollupAccumulator, type RollupValues } from '../lib/history/rollup';
import { MINUTE_MS, QUARTER_MS } from '../server/history/history-service';
import { RollupStore } from '../server/history/rollup-store';
import { openDatabase } from '../server/store/database';

const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-disk-'));
const db = openDatabase(dir);
const store = new RollupStore(db);
const acc = new RollupAccumulator([MINUTE_MS, QUARTER_MS]);
const bytes = (): number => {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return (
    Number(db.pragma('page_count', { simple: true })) *
    Number(db.pragma('page_size', { simple: true }))
  );
};
const empty = bytes();
const t0 = Date.UTC(2026, 0, 5);
for (let s = 0; s < 86_400; s++) {
  const values: RollupValues = Object.fromEntries(
    ROLLUP_METRICS.map((m, i) => [m, Math.sin(s / 600 + i) * 1000 + 1000]),
  );
  acc.add('10.0.0.2:6379', t0 + s * 1000, values);
  if (s % 60 === 59) store.write(acc.drain());
}
store.write(acc.drain());
const perDay = bytes() - empty;
const rows = store.count();
const minuteRows = store.range(MINUTE_MS, 0, Number.MAX_SAFE_INTEGER).length;
// Steady state with the defaults: 2 days of minute buckets + 30 days of 15-minute buckets.
const quarterPerDay = rows - minuteRows;
const steadyRows = 2 * minuteRows + 30 * quarterPerDay;
const bytesPerRow = perDay / rows;
process.stdout.write(
  `${ROLLUP_METRICS.length} metrics, 1 node, 1 day: ${rows} rows (${minuteRows} per-minute, ${quarterPerDay} per-15-min), ` +
    `${(perDay / 1048576).toFixed(2)} MiB (${bytesPerRow.toFixed(0)} B/row); ` +
    `steady state with 48 h + 30 d retention ≈ ${steadyRows} rows ≈ ${((steadyRows * bytesPerRow) / 1048576).toFixed(1)} MiB per node\n`,
);
db.close();
rmSync(dir, { recursive: true, force: true });
