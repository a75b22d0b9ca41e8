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
    version: 3,
    name: 'node memory: nodes once seen survive a restart of the dashboard',
    sql: `
      CREATE TABLE known_nodes (
        id TEXT PRIMARY KEY,
        upstream TEXT,
        role TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        last_known_at INTEGER NOT NULL
      );
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
  {
    version: 6,
    name: 'guarded actions: plans, runs, the one-action lock, hash-chained audit log',
    sql: `
      CREATE TABLE IF NOT EXISTS action_plans (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        approved_by TEXT,
        approved_at INTEGER,
        used_by_run TEXT,
        body TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS action_runs (
        id TEXT PRIMARY KEY,
        plan_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        topology TEXT NOT NULL,
        state TEXT NOT NULL,
        actor TEXT NOT NULL,
        boot_id TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        incident_id TEXT,
        body TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS action_runs_started ON action_runs (started_at);
      CREATE INDEX IF NOT EXISTS action_runs_state ON action_runs (state);
      -- One row per topology while an action runs; owner pid + boot id + heartbeat let a
      -- restarted server tell a crashed owner from a live one.
      CREATE TABLE IF NOT EXISTS action_locks (
        topology TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        owner_pid INTEGER NOT NULL,
        boot_id TEXT NOT NULL,
        acquired_at INTEGER NOT NULL,
        heartbeat_at INTEGER NOT NULL
      );
      -- AUTOINCREMENT keeps a high-water mark in sqlite_sequence, so deleted newest rows show.
      CREATE TABLE IF NOT EXISTS audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        run_id TEXT,
        plan_id TEXT,
        reason TEXT,
        data TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS audit_run ON audit_log (run_id);
    `,
  },
  {
    version: 8,
    name: 'fault drills: history of drill runs with their scorecards',
    sql: `
      CREATE TABLE IF NOT EXISTS drill_runs (
        id TEXT PRIMARY KEY,
        scenario TEXT NOT NULL,
        state TEXT NOT NULL,
        passed INTEGER,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        body TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS drill_runs_started ON drill_runs (started_at);
    `,
  },
  {
    version: 9,
    name: 'consistency: finished check runs (compare and canary reports) survive a restart',
    sql: `
      CREATE TABLE IF NOT EXISTS check_runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        body TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS check_runs_started ON check_runs (started_at);
    `,
  },
  {
    // A high version so it cannot collide with migrations added in parallel (gaps are fine).
    // Sessions stored with their id in clear are dropped: everyone logs in once more.
    version: 31,
    name: 'sessions keyed by a hash of the session id, with a fingerprint of the user',
    sql: `
      DROP TABLE IF EXISTS sessions;
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        role TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_expiry ON sessions (expires_at);
    `,
  },
  {
    // Long history (issue 15): one row per resolution, bucket, node and metric. WITHOUT ROWID
    // keeps the primary key as the table itself: reports and pruning read bucket ranges, a chart
    // reads a bucket range of one node, so no second index (it would double the size).
    version: 32,
    name: 'history rollups: per-minute and per-15-minute aggregates per node and metric',
    sql: `
      CREATE TABLE IF NOT EXISTS history_rollups (
        res_ms INTEGER NOT NULL,
        node_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        count INTEGER NOT NULL,
        sum REAL NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        PRIMARY KEY (res_ms, bucket, node_id, metric)
      ) WITHOUT ROWID;
      -- Scheduled reports already sent (\`day:<from>\`), so a restart never sends one twice.
      CREATE TABLE IF NOT EXISTS report_sends (key TEXT PRIMARY KEY, sent_at INTEGER NOT NULL);
    `,
  },
];
