// The config file's shape (YAML or JSON). Every field is named in docs/configuration.md.
import { z } from 'zod';
import { NodeIdSchema } from '../lib/contracts';
import { LOG_INGEST_DEFAULTS, LogIngestSchema, LogSourceSchema } from './logs/log-config';

const RedisUrlSchema = z
  .string()
  .regex(/^rediss?:\/\/[^\s]+$/, 'expected redis://[user:pass@]host:port or rediss://…');

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
    lagWarningSeconds: z.number().nonnegative().default(2),
    lagCriticalSeconds: z.number().nonnegative().default(10),
    gapWarningBytes: z.number().nonnegative().default(1000),
    gapCriticalBytes: z.number().nonnegative().default(10000),
    memoryWarningPct: z.number().min(0).max(100).default(80),
    memoryCriticalPct: z.number().min(0).max(100).default(95),
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

export const ConfigFileSchema = z
  .object({
    topology: z
      .object({
        name: z.string().min(1).max(100).default('default'),
        seeds: z.array(RedisUrlSchema).default([]),
        /** Credentials for every node that has no entry in `nodes` (discovered nodes too). */
        defaults: NodeCredentialsSchema.default({}),
        /** Per-node credentials/TLS, by node id `host:port`. */
        nodes: z.record(NodeIdSchema, NodeCredentialsSchema).default({}),
      })
      .strict()
      .default({ name: 'default', seeds: [], defaults: {}, nodes: {} }),
    poll: z
      .object({
        intervalMs: z.number().int().min(100).max(60_000).default(1000),
        connectTimeoutMs: z.number().int().min(50).max(60_000).default(2000),
        commandTimeoutMs: z.number().int().min(50).max(60_000).default(2000),
        /** How often the replication settings are re-read with CONFIG GET (same round trip). */
        configEveryMs: z.number().int().min(1000).default(30_000),
      })
      .strict()
      .default({ intervalMs: 1000, connectTimeoutMs: 2000, commandTimeoutMs: 2000, configEveryMs: 30_000 }),
    thresholds: ThresholdsSchema.default({
      lagWarningSeconds: 2,
      lagCriticalSeconds: 10,
      gapWarningBytes: 1000,
      gapCriticalBytes: 10000,
      memoryWarningPct: 80,
      memoryCriticalPct: 95,
    }),
    history: z
      .object({ retentionMs: z.number().int().min(60_000).max(24 * 3600_000).default(3600_000) })
      .strict()
      .default({ retentionMs: 3600_000 }),
    discovery: z
      .object({
        /** A node gone silent and reported by nobody is dropped after this long. */
        forgetAfterMs: z.number().int().min(1000).default(24 * 3600_000),
      })
      .strict()
      .default({ forgetAfterMs: 24 * 3600_000 }),
    // Sections of later features: validated now so a typo fails at start-up, not silently.
    logs: z.array(LogSourceSchema).default([]),
    logIngest: LogIngestSchema.default(LOG_INGEST_DEFAULTS),
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
      .default({ webhooks: [] }),
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
        /** Action ids that need a second admin's approval before they run. */
        approval: z.array(z.string()).default([]),
      })
      .strict()
      .optional(),
    /** No action can run; the UI hides the buttons and says so. */
    readOnly: z.boolean().default(false),
    heartbeat: z
      .object({
        enabled: z.boolean().default(false),
        key: z.string().min(1).default('replicaops:heartbeat'),
        intervalMs: z.number().int().min(100).default(1000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
