// Schema changes, in order. Never edit a released migration: add a new one.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'findings, incidents, timeline, webhook deliveries',
    sql: `
      CREATE TABLE findings (
        id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        state TEXT NOT NULL,
        node_id TEXT,
        opened_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        resolved_at INTEGER,
        incident_id TEXT,
        body TEXT NOT NULL
      );
      CREATE INDEX findings_state ON findings (state, opened_at);
      CREATE INDEX findings_incident ON findings (incident_id);

      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        severity TEXT NOT NULL,
        title TEXT NOT NULL,
        root_node_id TEXT,
        opened_at INTEGER NOT NULL,
        acknowledged_at INTEGER,
        acknowledged_by TEXT,
        resolved_at INTEGER,
        resolved_by TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        node_ids TEXT NOT NULL DEFAULT '[]',
        title_i18n TEXT
      );
      CREATE INDEX incidents_state ON incidents (state, opened_at);

      CREATE TABLE incident_timeline (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        summary TEXT NOT NULL,
        summary_zh TEXT,
        data TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX timeline_incident ON incident_timeline (incident_id, at);

      CREATE TABLE webhook_deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        webhook TEXT NOT NULL,
        event TEXT NOT NULL,
        finding_id TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        response_status INTEGER,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        next_attempt_at INTEGER,
        delivered_at INTEGER
      );
      CREATE INDEX deliveries_status ON webhook_deliveries (status, next_attempt_at);
    `,
  },
  {
    // Versions 2–4 are left for in-flight work; order is by array position, gaps are fine.
    version: 5,
    name: 'login sessions',
    sql: `
      CREATE TABLE IF NOT EXISTS sessions (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions (expires_at);
    `,
  },
];
