// The embedded store: one SQLite file under REPLICAOPS_DATA_DIR, WAL mode, schema migrations
// applied in order at open. Writes are synchronous (better-sqlite3), so a row is on disk before
// the API answers the user who caused it. The data dir is created 0700 and the database files
// are 0600: they hold sessions and the audit trail, nobody else's business on the host.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import { logger } from '../logger';
import { z } from 'zod';
import { MIGRATIONS } from './migrations';
import { parseRows } from './rows';

const log = logger('store');

export type Db = Database.Database;

/** Tighten a file of ours to `mode`; one we may not chmod is left and named in the log. */
function restrict(p: string, mode: number): void {
  if (!existsSync(p) || (statSync(p).mode & 0o777) === mode) return;
  try {
    chmodSync(p, mode);
  } catch (err) {
    log.warn({ path: p, err: (err as Error).message }, 'cannot restrict permissions');
  }
}

export function openDatabase(dataDir: string, file = 'replicaops.sqlite'): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // An existing directory may be shared (e.g. /var/lib): say so, never chmod what we did not make.
  if ((statSync(dataDir).mode & 0o077) !== 0)
    log.warn({ dataDir }, 'the data dir is open to other users; its files are 0600, but chmod 700 it');
  const dbFile = path.join(dataDir, file);
  // SQLite creates the file with the umask's mode (usually 0644) and gives its -wal and -shm
  // files the database file's mode: create it 0600 first and the others follow.
  closeSync(openSync(dbFile, 'a', 0o600));
  restrict(dbFile, 0o600);
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  for (const suffix of ['-wal', '-shm', '-journal']) restrict(dbFile + suffix, 0o600);
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
