// The embedded store: one SQLite file under REPLICAOPS_DATA_DIR, WAL mode, schema migrations
// applied in order at open. Writes are synchronous (better-sqlite3), so a row is on disk before
// the API answers the user who caused it.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { logger } from '../logger';
import { z } from 'zod';
import { MIGRATIONS } from './migrations';
import { parseRows } from './rows';

const log = logger('store');

export type Db = Database.Database;

export function openDatabase(dataDir: string, file = 'replicaops.sqlite'): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, file));
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (kill -9) without losing committed rows;
  // only an OS crash could lose the last transactions.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

const VersionRowSchema = z.object({ version: z.number() });

export function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(
    parseRows(VersionRowSchema, db.prepare('SELECT version FROM schema_migrations').all()).map((r) => r.version),
  );
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
    })();
    log.info({ version: m.version, name: m.name }, 'migration applied');
  }
}
