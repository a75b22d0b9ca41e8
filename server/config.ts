// Config is read here and only here: env overrides the config file; a bad value stops start-up
// with one line that names the field and the problem.
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { ConfigFileSchema, type ConfigFile } from './config-schema';
import { errorText } from './error-text';
import { isSentinelUrl, parseSentinelSeed, splitSeedList, type SentinelSeed } from './sentinel/sentinel-url';

export type { NodeCredentials, Thresholds } from './config-schema';

export interface Config extends ConfigFile {
  port: number;
  host: string;
  dataDir: string;
  logLevel: string;
  configPath?: string;
  /** REPLICAOPS_AUDIT_KEY: the audit chain's MAC key; unset = a key file in the data dir. */
  auditKey?: string;
  /** The sentinel:// seeds, parsed (topology.seeds keeps the redis:// ones). */
  sentinelSeeds?: SentinelSeed[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  REPLICAOPS_CONFIG: z.string().min(1).optional(),
  REPLICAOPS_SEEDS: z.string().optional(),
  REPLICAOPS_POLL_MS: z.coerce.number().int().min(100).max(60_000).optional(),
  REPLICAOPS_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  REPLICAOPS_READ_ONLY: z.enum(['0', '1', 'true', 'false', '']).optional(),
  REPLICAOPS_PUBLIC_URL: z.string().optional(),
  REPLICAOPS_AUDIT_KEY: z
    .string()
    .min(32, 'at least 32 characters (e.g. openssl rand -hex 32)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

function describe(issue: z.core.$ZodIssue, prefix: string): string {
  const where = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return `${where || '(root)'}: ${issue.message}`;
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new ConfigError(first ? describe(first, prefix) : `${prefix}: invalid`);
  }
  return result.data;
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`REPLICAOPS_CONFIG: cannot read ${file} (${errorText(err)})`);
  }
  try {
    return file.endsWith('.json') ? JSON.parse(text) : (YAML.parse(text) ?? {});
  } catch (err) {
    throw new ConfigError(`REPLICAOPS_CONFIG: ${file} is not valid YAML/JSON (${errorText(err).split('\n')[0]})`);
  }
}

/** Build the config from an env map (process.env in production, a literal in tests). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const e = parseOrThrow(EnvSchema, env, '');
  const fileValue = e.REPLICAOPS_CONFIG ? readConfigFile(e.REPLICAOPS_CONFIG) : {};
  const file = parseOrThrow(ConfigFileSchema, fileValue, 'config');

  if (e.REPLICAOPS_SEEDS !== undefined) {
    const seeds = splitSeedList(e.REPLICAOPS_SEEDS);
    file.topology.seeds = parseOrThrow(
      ConfigFileSchema.shape.topology.unwrap().shape.seeds,
      seeds,
      'REPLICAOPS_SEEDS',
    );
  }
  const sentinelSeeds = file.topology.seeds.filter(isSentinelUrl).map((url, i) => {
    try {
      return parseSentinelSeed(url);
    } catch (err) {
      throw new ConfigError(`topology.seeds: sentinel seed ${i + 1}: ${(err as Error).message}`);
    }
  });
  file.topology.seeds = file.topology.seeds.filter((url) => !isSentinelUrl(url));
  if (e.REPLICAOPS_POLL_MS !== undefined) file.poll.intervalMs = e.REPLICAOPS_POLL_MS;
  if (e.REPLICAOPS_PUBLIC_URL !== undefined) {
    const urls = e.REPLICAOPS_PUBLIC_URL.split(',').map((s) => s.trim()).filter(Boolean);
    file.server.publicUrl = parseOrThrow(ConfigFileSchema.shape.server.unwrap().shape.publicUrl, urls, 'REPLICAOPS_PUBLIC_URL');
  }
  if (e.REPLICAOPS_READ_ONLY) file.readOnly = e.REPLICAOPS_READ_ONLY === '1' || e.REPLICAOPS_READ_ONLY === 'true';

  // A CA file that cannot be read would fail every TLS connection later, one by one: say it now.
  const tlsSources: Array<[string, ConfigFile['topology']['defaults']['tls']]> = [
    ['config.topology.defaults.tls', file.topology.defaults.tls],
    ...Object.entries(file.topology.nodes).map(([id, c]): [string, typeof c.tls] => [`config.topology.nodes["${id}"].tls`, c.tls]),
    ['config.topology.sentinelTls', file.topology.sentinelTls],
  ];
  for (const [where, tls] of tlsSources) {
    const caFile = typeof tls === 'object' ? tls.caFile : undefined;
    if (!caFile) continue;
    try {
      accessSync(caFile, constants.R_OK);
    } catch {
      throw new ConfigError(`${where}.caFile: cannot read ${caFile}`);
    }
  }

  // Without users nobody can log in, so the dashboard must not be reachable beyond this host.
  if (!isLoopback(e.HOST) && !file.auth?.users.length) {
    throw new ConfigError(
      `HOST: ${e.HOST} is not a loopback address and no auth.users are configured; add users (npm run hash-password) or bind 127.0.0.1`,
    );
  }

  // Every request's Host is checked against the public URLs; off loopback there is no default.
  if (!isLoopback(e.HOST) && !file.server.publicUrl.length) {
    throw new ConfigError(
      `REPLICAOPS_PUBLIC_URL: HOST ${e.HOST} is not loopback, so set server.publicUrl (or REPLICAOPS_PUBLIC_URL) to the URL people open, e.g. https://ops.example.com; requests for any other Host are refused`,
    );
  }

  return {
    ...file,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.REPLICAOPS_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    configPath: e.REPLICAOPS_CONFIG,
    ...(e.REPLICAOPS_AUDIT_KEY ? { auditKey: e.REPLICAOPS_AUDIT_KEY } : {}),
    ...(sentinelSeeds.length ? { sentinelSeeds } : {}),
  };
}
