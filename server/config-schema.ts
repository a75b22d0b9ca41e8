// The config file's shape (YAML or JSON). Every field is named in docs/configuration.md.
import { z } from 'zod';
import { NodeIdSchema } from '../lib/contracts';
import { DEFAULT_DIAGNOSIS_SETTINGS } from '../lib/diagnosis/diagnosis-input';
import { DEFAULT_THRESHOLDS as T } from '../lib/topology/status';
import { LogIngestSchema, LogSourceSchema } from './logs/log-config';
import { QUIET_INFO_EVERY_MS, SECTION_EVERY_MS } from './monitor/poll-tiers';

// Defaults are written once: per field (from the pure modules that own them where one does),
// and every section `.prefault({})`, so an absent section is parsed as an empty one.

const RedisUrlSchema = z
  .string()
  .regex(
    /^(rediss?|sentinels?):\/\/[^\s]+$/,
    'expected redis://[user:pass@]host:port, rediss://…, sentinel://[user:pass@]host:port[,host:port…]/<masterName> or sentinels://… (TLS)',
  );

export const NodeCredentialsSchema = z
  .object({
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    /** true, or TLS options; `rejectUnauthorized: false` only for self-signed labs. */
    tls: z
      .union([
        z.boolean(),
        z
          .object({
            servername: z.string().optional(),
            rejectUnauthorized: z.boolean().default(true),
            caFile: z.string().optional(),
          })
          .strict(),
      ])
      .optional(),
  })
  .strict();
export type NodeCredentials = z.infer<typeof NodeCredentialsSchema>;

export const ThresholdsSchema = z
  .object({
    lagWarningSeconds: z.number().nonnegative().default(T.lagWarningSeconds),
    lagCriticalSeconds: z.number().nonnegative().default(T.lagCriticalSeconds),
    gapWarningBytes: z.number().nonnegative().default(T.gapWarningBytes),
    gapCriticalBytes: z.number().nonnegative().default(T.gapCriticalBytes),
    /** Gap of R × gapGraceMs bytes at R bytes/s of writes is the stream in flight, not lag. */
    gapGraceMs: z.number().int().min(0).max(60_000).default(T.gapGraceMs),
    memoryWarningPct: z.number().min(0).max(100).default(T.memoryWarningPct),
    memoryCriticalPct: z.number().min(0).max(100).default(T.memoryCriticalPct),
  })
  .strict()
  .refine((t) => t.lagCriticalSeconds >= t.lagWarningSeconds, {
    message: 'must be ≥ lagWarningSeconds',
    path: ['lagCriticalSeconds'],
  })
  .refine((t) => t.gapCriticalBytes >= t.gapWarningBytes, {
    message: 'must be ≥ gapWarningBytes',
    path: ['gapCriticalBytes'],
  })
  .refine((t) => t.memoryCriticalPct >= t.memoryWarningPct, {
    message: 'must be ≥ memoryWarningPct',
    path: ['memoryCriticalPct'],
  });
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** Master–replica data comparison and canary checks (docs/configuration.md, issue 6). */
export const CONSISTENCY_DEFAULTS = {
  sampleSize: 10_000,
  batchSize: 200,
  scanCount: 1000,
  maxKeysPerSecond: 50_000,
  rounds: 3,
  ttlToleranceMs: 2000,
  catchUpTimeoutMs: 5000,
  backoffLatencyMs: 10,
  dumpMaxElements: 1024,
  dumpMaxBytes: 65_536,
  maxCanonicalElements: 1_000_000,
  examplesPerClass: 100,
  canaryTimeoutMs: 5000,
  historySize: 50,
  commandTimeoutMs: 10_000,
};

export const ConsistencySchema = z
  .object({
    /** Keys compared by a `sample` run when the request names no size. */
    sampleSize: z.number().int().min(1).max(1_000_000).default(CONSISTENCY_DEFAULTS.sampleSize),
    /** Keys per server-side read (one short script call); bounds how long Redis is busy at once. */
    batchSize: z.number().int().min(1).max(2000).default(CONSISTENCY_DEFAULTS.batchSize),
    /** SCAN COUNT hint. */
    scanCount: z.number().int().min(10).max(10_000).default(CONSISTENCY_DEFAULTS.scanCount),
    /** Rate cap for one run (both passes); the run halves it while the master is slow. */
    maxKeysPerSecond: z.number().int().min(100).max(10_000_000).default(CONSISTENCY_DEFAULTS.maxKeysPerSecond),
    /** Re-reads of a differing key after the replica reached the master offset of the first read. */
    rounds: z.number().int().min(0).max(10).default(CONSISTENCY_DEFAULTS.rounds),
    /** TTLs this close are equal, and a key this close to expiring is never a difference. */
    ttlToleranceMs: z.number().int().min(0).max(600_000).default(CONSISTENCY_DEFAULTS.ttlToleranceMs),
    /** How long a re-check round waits for the replica to reach the master's offset. */
    catchUpTimeoutMs: z.number().int().min(100).max(600_000).default(CONSISTENCY_DEFAULTS.catchUpTimeoutMs),
    /** Master PING above this (ms) halves the run's rate until it recovers. */
    backoffLatencyMs: z.number().min(1).max(10_000).default(CONSISTENCY_DEFAULTS.backoffLatencyMs),
    /** Keys larger than this (elements / string bytes) are never DUMPed but read in chunks. */
    dumpMaxElements: z.number().int().min(1).max(100_000).default(CONSISTENCY_DEFAULTS.dumpMaxElements),
    dumpMaxBytes: z.number().int().min(64).max(16 * 1024 * 1024).default(CONSISTENCY_DEFAULTS.dumpMaxBytes),
    /** Unordered keys (hash/set/zset) above this are skipped (reported), not held in memory. */
    maxCanonicalElements: z.number().int().min(1).max(50_000_000).default(CONSISTENCY_DEFAULTS.maxCanonicalElements),
    examplesPerClass: z.number().int().min(1).max(10_000).default(CONSISTENCY_DEFAULTS.examplesPerClass),
    canaryTimeoutMs: z.number().int().min(100).max(60_000).default(CONSISTENCY_DEFAULTS.canaryTimeoutMs),
    /** Run the canary check on a schedule (every this many ms); off when absent. */
    canaryEveryMs: z.number().int().min(10_000).max(24 * 3600_000).optional(),
    /** Finished check runs kept in memory (newest first); older ones are dropped. */
    historySize: z.number().int().min(1).max(1000).default(CONSISTENCY_DEFAULTS.historySize),
    commandTimeoutMs: z.number().int().min(100).max(120_000).default(CONSISTENCY_DEFAULTS.commandTimeoutMs),
  })
  .strict();
export type ConsistencySettings = z.infer<typeof ConsistencySchema>;

export const ROLLUP_DEFAULTS = {
  minuteRetentionMs: 48 * 3600_000,
  quarterRetentionMs: 30 * 24 * 3600_000,
  flushEveryMs: 60_000,
};

const RollupsSchema = z
  .object({
    /** Per-minute buckets are kept this long (the 24 h chart and day reports read them). */
    minuteRetentionMs: z.number().int().min(3600_000).max(30 * 24 * 3600_000).default(ROLLUP_DEFAULTS.minuteRetentionMs),
    /** Per-15-minute buckets are kept this long (7 d / 30 d charts, week and month reports). */
    quarterRetentionMs: z.number().int().min(24 * 3600_000).max(400 * 24 * 3600_000).default(ROLLUP_DEFAULTS.quarterRetentionMs),
    /** How often collected buckets are written to SQLite in one transaction. */
    flushEveryMs: z.number().int().min(1000).max(600_000).default(ROLLUP_DEFAULTS.flushEveryMs),
  })
  .strict();

/** An origin people open the dashboard at: scheme, host and port, nothing else. */
const PublicUrlSchema = z
  .string()
  .refine((s) => URL.canParse(s), 'expected a URL such as https://ops.example.com')
  .transform((s) => new URL(s))
  .refine((u) => u.protocol === 'http:' || u.protocol === 'https:', 'expected an http(s) URL')
  .refine((u) => !u.username && !u.password && (u.pathname === '/' || u.pathname === '') && !u.search && !u.hash, 'expected only scheme, host and port (no path, query or credentials)')
  .transform((u) => u.origin);

export const ServerSchema = z
  .object({
    /**
     * Where people open the dashboard (one URL or a list), e.g. `https://ops.example.com`. Every
     * request's Host and every socket's Origin must match one of them, or a loopback name when
     * the server is bound to loopback (DNS rebinding and cross-site sockets are refused).
     */
    publicUrl: z
      .union([PublicUrlSchema, z.array(PublicUrlSchema).min(1)])
      .transform((v) => (typeof v === 'string' ? [v] : v))
      .default([]),
  })
  .strict();

export const ConfigFileSchema = z
  .object({
    server: ServerSchema.default({ publicUrl: [] }),
    topology: z
      .object({
        name: z.string().min(1).max(100).default('default'),
        seeds: z.array(RedisUrlSchema).default([]),
        /** Credentials for every node that has no entry in `nodes` (discovered nodes too). */
        defaults: NodeCredentialsSchema.default({}),
        /** Per-node credentials/TLS, by node id `host:port`. */
        nodes: z.record(NodeIdSchema, NodeCredentialsSchema).default({}),
        /** Credentials of the Sentinels (sentinel:// seeds), when the seed URL carries none. */
        sentinelUsername: z.string().min(1).optional(),
        sentinelPassword: z.string().min(1).optional(),
        /** TLS to the Sentinels, as a node's `tls`; a `sentinels://` seed switches it on. */
        sentinelTls: NodeCredentialsSchema.shape.tls,
      })
      .strict()
      .prefault({}),
    poll: z
      .object({
        intervalMs: z.number().int().min(100).max(60_000).default(1000),
        connectTimeoutMs: z.number().int().min(50).max(60_000).default(2000),
        commandTimeoutMs: z.number().int().min(50).max(60_000).default(2000),
        /** How often the replication settings are re-read with CONFIG GET (same round trip). */
        configEveryMs: z.number().int().min(1000).default(30_000),
        /**
         * How often a quiet node (no replicas; a replica's link up, not syncing, not loading) reads
         * INFO (ms). Its polls in between send ROLE (role, link state, offsets): when ROLE shows a
         * change, the same poll reads INFO. At most the poll interval = INFO every poll.
         */
        quietInfoEveryMs: z.number().int().min(0).max(3_600_000).default(QUIET_INFO_EVERY_MS),
        /**
         * How often each slow INFO section is re-read (ms; at most the poll interval = every
         * poll). Replication, server, stats, errorstats and cluster ride every poll.
         */
        sectionEveryMs: z
          .object({
            memory: z.number().int().min(0).max(3_600_000).default(SECTION_EVERY_MS.memory),
            persistence: z.number().int().min(0).max(3_600_000).default(SECTION_EVERY_MS.persistence),
            clients: z.number().int().min(0).max(3_600_000).default(SECTION_EVERY_MS.clients),
            cpu: z.number().int().min(0).max(3_600_000).default(SECTION_EVERY_MS.cpu),
            keyspace: z.number().int().min(0).max(3_600_000).default(SECTION_EVERY_MS.keyspace),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    thresholds: ThresholdsSchema.prefault({}),
    diagnosis: z
      .object({
        /** Polls a condition must hold before its finding opens, and healthy polls before it closes. */
        openAfterPolls: z.number().int().min(1).max(100).default(2),
        closeAfterPolls: z.number().int().min(1).max(100).default(3),
        /** backlog_too_small: the outage (s) the backlog must cover at the measured write rate. */
        backlogOutageSeconds: z.number().int().min(1).max(86_400).default(DEFAULT_DIAGNOSIS_SETTINGS.backlogOutageSeconds),
        resyncWindowMs: z.number().int().min(10_000).default(DEFAULT_DIAGNOSIS_SETTINGS.resyncWindowMs),
        resyncStormCount: z.number().int().min(1).default(DEFAULT_DIAGNOSIS_SETTINGS.resyncStormCount),
        syncStuckSeconds: z.number().int().min(10).default(DEFAULT_DIAGNOSIS_SETTINGS.syncStuckSeconds),
      })
      .strict()
      .prefault({}),
    history: z
      .object({
        retentionMs: z.number().int().min(60_000).max(24 * 3600_000).default(3600_000),
        /** Persisted rollups (docs/history-and-reports.md): per-minute and per-15-minute buckets. */
        rollups: RollupsSchema.prefault({}),
      })
      .strict()
      .prefault({}),
    /** Health reports sent through the webhooks (docs/history-and-reports.md); off when absent. */
    reports: z
      .object({
        schedule: z
          .object({
            /** Local time the reports of the day (week, month) that just ended go out. */
            at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24 h)'),
            /** `week` goes out on Mondays, `month` on the 1st. */
            periods: z.array(z.enum(['day', 'week', 'month'])).min(1).default(['day']),
            lang: z.enum(['en', 'zh-CN']).default('en'),
            /** Webhook names (alerts.webhooks) to send to; all of them when absent. */
            webhooks: z.array(z.string().min(1)).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .prefault({}),
    /** Topology and capacity advice in the health reports. */
    advice: z
      .object({ maxDirectReplicas: z.number().int().min(1).max(100).default(3) })
      .strict()
      .prefault({}),
    discovery: z
      .object({
        /** A node gone silent and reported by nobody is dropped after this long. */
        forgetAfterMs: z.number().int().min(1000).default(24 * 3600_000),
        /**
         * Addresses the topology reports that the dashboard must reach elsewhere (NAT, Docker
         * port mapping, a TCP proxy between replica and master): reported `host:port` → the
         * `host:port` to poll. The node is shown under the address it is polled at.
         */
        aliases: z
          .record(NodeIdSchema, NodeIdSchema)
          .default({})
          .refine((m) => Object.entries(m).every(([from, to]) => from !== to), 'an alias cannot point at itself')
          .refine((m) => Object.values(m).every((to) => !(to in m)), 'an alias target cannot be an alias itself (no chains)'),
      })
      .strict()
      .prefault({}),
    // Sections of later features: validated now so a typo fails at start-up, not silently.
    logs: z.array(LogSourceSchema).default([]),
    logIngest: LogIngestSchema.prefault({}),
    alerts: z
      .object({
        webhooks: z
          .array(
            z
              .object({
                name: z.string().min(1).max(60),
                url: z.string().url().regex(/^https?:\/\//, 'expected an http(s) URL'),
                /** `json`: our own payload; `slack`: Slack-compatible `{ text, blocks }`. */
                format: z.enum(['json', 'slack']).default('json'),
                /** HMAC-SHA256 key; the signature goes in `X-ReplicaOps-Signature: sha256=<hex>`. */
                secret: z.string().min(8).optional(),
                minSeverity: z.enum(['info', 'warning', 'critical']).default('warning'),
                timeoutMs: z.number().int().min(100).max(60_000).default(5000),
                maxAttempts: z.number().int().min(1).max(20).default(6),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        users: z
          .array(
            z
              .object({
                username: z.string().regex(/^[a-zA-Z0-9._@-]{1,64}$/, 'letters, digits and . _ @ - only'),
                /** `npm run hash-password` prints one: `scrypt$N$r$p$salt$hash`. */
                passwordHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'expected the output of npm run hash-password'),
                role: z.enum(['viewer', 'operator', 'admin']),
              })
              .strict(),
          )
          .default([]),
        tokens: z
          .array(
            z
              .object({
                name: z.string().min(1).max(60),
                /** SHA-256 hex of the token (the token itself never sits in the config). */
                sha256: z.string().regex(/^[a-f0-9]{64}$/, 'expected 64 lower-case hex characters'),
                role: z.enum(['viewer', 'operator', 'admin']),
              })
              .strict(),
          )
          .default([]),
        sessionTtlMs: z.number().int().min(60_000).max(30 * 24 * 3600_000).default(12 * 3600_000),
        /** false: every session ends when the server restarts (everyone logs in again). */
        sessionsSurviveRestart: z.boolean().default(true),
        /** Action ids that need a second admin's approval before they run. */
        approval: z.array(z.string()).default([]),
      })
      .strict()
      .optional(),
    /** No action can run; the UI hides the buttons and says so. */
    readOnly: z.boolean().default(false),
    /** Opt-in because it writes: the dashboard's clock into one key on every master. */
    heartbeat: z
      .object({
        enabled: z.boolean().default(false),
        key: z.string().min(1).default('replicaops:heartbeat'),
        intervalMs: z.number().int().min(100).default(1000),
        /** The key expires this long after the dashboard stops writing it. */
        ttlSeconds: z.number().int().min(10).max(86_400).default(600),
      })
      .strict()
      .optional(),
    consistency: ConsistencySchema.prefault({}),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
